package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.chain.contracts.TestUSDC;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One order end to end, as a buyer's client would do it over the public interfaces only: faucet,
 * Sign-In with Ethereum, quote, order, permit signed from the API's typed data, deposit, run,
 * completion, settlement, refund withdrawal; then the figures are checked against the chain.
 */
public final class Demo {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FAUCET_AMOUNT = 100_000_000L; // 100 USDC
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

    private final LocalMarketplace.Info info;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Web3j web3j;

    Demo(LocalMarketplace.Info info, PrintStream out) {
        this.info = info;
        this.out = out;
        this.web3j = Web3j.build(new HttpService(info.rpc()));
    }

    /** Runs the demo; returns the final summary line. */
    String run() throws Exception {
        try {
            return order();
        } finally {
            web3j.shutdown();
        }
    }

    private String order() throws Exception {
        Credentials wallet = Credentials.create(Keys.createEcKeyPair());
        String address = wallet.getAddress().toLowerCase();
        step("new wallet " + address);
        call("POST", info.faucet(), null, Map.of("address", address, "amount", FAUCET_AMOUNT));
        step("faucet: 100 USDC and gas");

        JsonNode challenge = call("POST", info.api() + "/auth/nonce", null, Map.of("address", address));
        String message = challenge.path("message").asText();
        String token = call("POST", info.api() + "/auth/login", null,
                Map.of("message", message, "signature", personalSign(wallet, message))).path("token").asText();
        step("signed in with Ethereum");

        JsonNode quote = call("POST", info.api() + "/quotes", token, Map.of("offerId", "local-cpu", "units", 1, "seconds", 300,
                "template", "prime-sieve", "parameters", Map.of("limit", "2000000", "rounds", "400")));
        step("quote " + quote.path("quoteId").asText() + ": escrow " + usdc(quote.path("escrowAmount").asText()) + " USDC");
        JsonNode order = call("POST", info.api() + "/orders", token, Map.of("quoteId", quote.path("quoteId").asText()));
        String orderId = order.path("orderId").asText();
        step("order " + orderId);

        JsonNode permit = order.path("permit");
        Sign.SignatureData signature = Sign.signTypedData(JSON.writeValueAsString(permit), wallet.getEcKeyPair());
        ComputeEscrow escrow = ComputeEscrow.load(info.escrow(), web3j, manager(wallet), gas());
        BigInteger value = new BigInteger(permit.path("message").path("value").asText());
        String depositTx = escrow.depositWithPermit(OrderIds.toBytes32(orderId), value,
                new BigInteger(permit.path("message").path("deadline").asText()),
                BigInteger.valueOf(Byte.toUnsignedInt(signature.getV()[0])), signature.getR(), signature.getS()).send()
                .getTransactionHash();
        step("deposited " + usdc(value.toString()) + " USDC with a permit in " + depositTx);

        JsonNode running = await(token, orderId, o -> !o.path("state").asText().matches("QUOTED|FUNDED|PROVISIONING"));
        step("running since " + running.path("usage").path("startedAt").asText());
        String result = awaitResult(token, orderId);
        step("result: " + result.strip().replace('\n', ' '));
        call("POST", info.api() + "/orders/" + orderId + "/complete", token, null);
        step("completed");

        JsonNode settled = await(token, orderId, o -> o.path("state").asText().equals("SETTLED"));
        JsonNode split = settled.path("settlement");
        step("settled: provider " + usdc(split.path("providerPayout").asText()) + ", fee " + usdc(split.path("fee").asText())
                + ", refund " + usdc(split.path("refund").asText()) + " USDC");

        String settlementTx = settlementTransaction(orderId);
        verifyOnChain(wallet, orderId, split);
        TestUSDC token20 = TestUSDC.load(info.usdc(), web3j, manager(wallet), gas());
        BigInteger before = token20.balanceOf(address).send();
        escrow.withdrawRefund().send();
        BigInteger refunded = token20.balanceOf(address).send().subtract(before);
        if (!refunded.equals(new BigInteger(split.path("refund").asText()))) {
            throw new IllegalStateException("withdrew " + refunded + " but the refund is " + split.path("refund").asText());
        }
        step("refund withdrawn to the wallet");

        ObjectNode summary = JSON.createObjectNode();
        summary.put("orderId", orderId);
        summary.put("state", settled.path("state").asText());
        summary.put("deposit", split.path("deposit").asText());
        summary.put("providerPayout", split.path("providerPayout").asText());
        summary.put("fee", split.path("fee").asText());
        summary.put("refund", split.path("refund").asText());
        summary.put("settlementTx", settlementTx);
        return JSON.writeValueAsString(summary);
    }

    /** The escrow's own books must show exactly the split the API reports. */
    private void verifyOnChain(Credentials wallet, String orderId, JsonNode split) throws Exception {
        ComputeEscrow view = ComputeEscrow.load(info.escrow(), web3j, manager(wallet), gas());
        byte[] id = OrderIds.toBytes32(orderId);
        long deposit = split.path("deposit").asLong();
        long provider = split.path("providerPayout").asLong();
        long fee = split.path("fee").asLong();
        long refund = split.path("refund").asLong();
        if (deposit != provider + fee + refund) throw new IllegalStateException("the split does not add up");
        if (view.orderOf(id).send().balance.signum() != 0) throw new IllegalStateException("the order still holds money");
        if (view.payoutOf(id).send().amount.longValueExact() != provider) throw new IllegalStateException("payout differs on chain");
        if (view.refundOf(wallet.getAddress()).send().longValueExact() != refund) throw new IllegalStateException("refund differs on chain");
        step("on chain: order balance 0, payout " + provider + ", refund " + refund + " (base units) as reported");
    }

    private String settlementTransaction(String orderId) throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, info.escrow());
        filter.addSingleTopic(EventEncoder.encode(ComputeEscrow.SETTLED_EVENT));
        filter.addSingleTopic(orderId);
        for (EthLog.LogResult<?> result : web3j.ethGetLogs(filter).send().getLogs()) {
            return ((org.web3j.protocol.core.methods.response.Log) result.get()).getTransactionHash();
        }
        throw new IllegalStateException("no Settled event for " + orderId);
    }

    private JsonNode await(String token, String orderId, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(STEP_TIMEOUT);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            JsonNode order = call("GET", info.api() + "/orders/" + orderId, token, null);
            String state = order.path("state").asText();
            if (!state.equals(last)) {
                step("state " + state);
                last = state;
            }
            if (done.test(order)) return order;
            Thread.sleep(250);
        }
        throw new IllegalStateException("order " + orderId + " stayed " + last + " for " + STEP_TIMEOUT);
    }

    private String awaitResult(String token, String orderId) throws Exception {
        Instant deadline = Instant.now().plus(STEP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(info.api() + "/orders/" + orderId + "/result"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) return response.body();
            Thread.sleep(250);
        }
        throw new IllegalStateException("no result for " + orderId + " within " + STEP_TIMEOUT);
    }

    private JsonNode call(String method, String url, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) request.header("Authorization", "Bearer " + token);
        request.header("Content-Type", "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private RawTransactionManager manager(Credentials wallet) {
        return new RawTransactionManager(web3j, wallet, info.chainId(), new PollingTransactionReceiptProcessor(web3j, 100, 600));
    }

    private StaticEIP1559GasProvider gas() {
        return new StaticEIP1559GasProvider(info.chainId(), BigInteger.valueOf(50_000_000_000L), BigInteger.valueOf(1_000_000_000L),
                BigInteger.valueOf(1_000_000L));
    }

    private static String personalSign(Credentials wallet, String message) {
        Sign.SignatureData s = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), wallet.getEcKeyPair());
        byte[] bytes = new byte[65];
        System.arraycopy(s.getR(), 0, bytes, 0, 32);
        System.arraycopy(s.getS(), 0, bytes, 32, 32);
        bytes[64] = s.getV()[0];
        return Numeric.toHexString(bytes);
    }

    private static String usdc(String microUsdc) {
        return io.cyberplaza.core.money.Billing.format(Long.parseLong(microUsdc));
    }

    private void step(String text) {
        out.println("• " + text);
        out.flush();
    }
}
