package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.chain.contracts.CyberPlazaToken;
import io.cyberplaza.chain.contracts.RewardsDistributor;
import io.cyberplaza.chain.contracts.TestUSDC;
import io.cyberplaza.chain.contracts.VeFeeDistributor;
import io.cyberplaza.chain.contracts.VoteEscrowedCpt;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A buyer using the marketplace only through its public interfaces: the faucet, the HTTP API
 * (Sign-In with Ethereum, quotes, orders) and its own wallet on the chain. The demo, the end-to-end
 * tests and the benchmarks all buy through it.
 */
public final class BuyerClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalMarketplace.Info info;
    private final Web3j web3j;
    public final Credentials wallet;
    public final String address;
    private final Duration patience;
    private final java.util.concurrent.atomic.AtomicInteger unavailableAnswers = new java.util.concurrent.atomic.AtomicInteger();
    private String token;

    public record Reply(int status, JsonNode body, String text) {
    }

    /** A new wallet, funded from the faucet with {@code microUsdc} and gas, and signed in. */
    public BuyerClient(LocalMarketplace.Info info, Web3j web3j, long microUsdc) throws Exception {
        this(info, web3j, Credentials.create(Keys.createEcKeyPair()), microUsdc);
    }

    /** A given wallet (e.g. the local operator's), funded and signed in. */
    public BuyerClient(LocalMarketplace.Info info, Web3j web3j, Credentials wallet, long microUsdc) throws Exception {
        this(info, web3j, wallet, microUsdc, Duration.ZERO);
    }

    /**
     * @param patience how long to keep retrying a request the API did not answer at all (refused,
     *                 reset, timed out), as a client of an API whose functions may be restarting
     *                 would; each POST carries one Idempotency-Key across its retries
     */
    public BuyerClient(LocalMarketplace.Info info, Web3j web3j, Credentials wallet, long microUsdc, Duration patience) throws Exception {
        this.patience = patience;
        this.info = info;
        this.web3j = web3j;
        this.wallet = wallet;
        this.address = wallet.getAddress().toLowerCase();
        expectOk(call("POST", info.faucet(), Map.of("address", address, "amount", microUsdc)));
        signIn();
    }

    private void signIn() throws Exception {
        String message = expectOk(call("POST", "/auth/nonce", Map.of("address", address))).path("message").asText();
        token = expectOk(call("POST", "/auth/login", Map.of("message", message, "signature", personalSign(message))))
                .path("token").asText();
    }

    /** The session token, for clients that call the API themselves. */
    public String token() {
        return token;
    }

    public String personalSign(String message) {
        Sign.SignatureData s = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), wallet.getEcKeyPair());
        byte[] bytes = new byte[65];
        System.arraycopy(s.getR(), 0, bytes, 0, 32);
        System.arraycopy(s.getS(), 0, bytes, 32, 32);
        bytes[64] = s.getV()[0];
        return Numeric.toHexString(bytes);
    }

    public JsonNode quote(String offerId, long seconds, String template, Map<String, String> parameters) throws Exception {
        return expectOk(call("POST", "/quotes", Map.of("offerId", offerId, "units", 1, "seconds", seconds,
                "template", template, "parameters", parameters)));
    }

    public JsonNode order(long seconds, String template, Map<String, String> parameters) throws Exception {
        return order("local-cpu", seconds, template, parameters);
    }

    /** Quotes the offer and places the order (unpaid). */
    public JsonNode order(String offerId, long seconds, String template, Map<String, String> parameters) throws Exception {
        JsonNode quote = quote(offerId, seconds, template, parameters);
        return expectOk(call("POST", "/orders", Map.of("quoteId", quote.path("quoteId").asText())));
    }

    /** Signs the API's EIP-712 permit data and deposits with it, as a wallet would. */
    public TransactionReceipt payWithPermit(JsonNode order) throws Exception {
        JsonNode permit = order.path("permit");
        Sign.SignatureData signature = Sign.signTypedData(JSON.writeValueAsString(permit), wallet.getEcKeyPair());
        JsonNode escrow = order.path("escrow");
        return escrow().depositWithPermit(escrow.path("owner").asText(), OrderIds.toBytes32(escrow.path("orderId").asText()),
                new BigInteger(permit.path("message").path("value").asText()),
                new BigInteger(permit.path("message").path("deadline").asText()),
                BigInteger.valueOf(Byte.toUnsignedInt(signature.getV()[0])), signature.getR(), signature.getS()).send();
    }

    /** A plain approve-and-deposit of any amount (a partial payment or a top-up). */
    public void pay(String orderId, long microUsdc) throws Exception {
        usdc().approve(info.escrow(), BigInteger.valueOf(microUsdc)).send();
        escrow().deposit(address, OrderIds.toBytes32(orderId), BigInteger.valueOf(microUsdc)).send();
    }

    public ComputeEscrow escrow() {
        return ComputeEscrow.load(info.escrow(), web3j, transactionManager(), gas());
    }

    public CyberPlazaToken cpt() {
        return CyberPlazaToken.load(info.cpt(), web3j, transactionManager(), gas());
    }

    /** The rewards distributor, sending as this wallet (which may claim for any account). */
    public RewardsDistributor rewardsDistributor() {
        return RewardsDistributor.load(info.rewardsDistributor(), web3j, transactionManager(), gas());
    }

    /** veCPT, locking as this wallet. */
    public VoteEscrowedCpt voteEscrow() {
        return VoteEscrowedCpt.load(info.voteEscrow(), web3j, transactionManager(), gas());
    }

    /** The veCPT holders' fee distributor, sending as this wallet (which may claim for any account). */
    public VeFeeDistributor feeDistributor() {
        return VeFeeDistributor.load(info.feeDistributor(), web3j, transactionManager(), gas());
    }

    public TestUSDC usdc() {
        return TestUSDC.load(info.usdc(), web3j, transactionManager(), gas());
    }

    /** The hash of the transaction that emitted the escrow's Settled event for this buyer's order, if it exists. */
    public java.util.Optional<String> settlementTransaction(String orderId) throws java.io.IOException {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, info.escrow());
        filter.addSingleTopic(EventEncoder.encode(ComputeEscrow.SETTLED_EVENT));
        // The first indexed topic is the order's escrow key, which binds its owner: the same id under another owner is another order.
        filter.addSingleTopic(Numeric.toHexString(OrderIds.escrowKey(address, orderId)));
        return web3j.ethGetLogs(filter).send().getLogs().stream()
                .map(result -> ((org.web3j.protocol.core.methods.response.Log) result.get()).getTransactionHash())
                .findFirst();
    }

    public JsonNode get(String orderId) throws Exception {
        return expectOk(call("GET", "/orders/" + orderId, null));
    }

    /** A POST of a body that is not JSON, e.g. an operator's CSV upload. */
    public Reply post(String path, String contentType, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(info.api() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = send(request);
        return new Reply(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()), response.body());
    }

    public Reply call(String method, String path, Object body) throws Exception {
        String url = path.startsWith("http") ? path : info.api() + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (method.equals("POST") && !patience.isZero()) request.header("Idempotency-Key", java.util.UUID.randomUUID().toString());
        HttpResponse<String> response = send(request.build());
        boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json") && !response.body().isEmpty();
        return new Reply(response.statusCode(), json ? JSON.readTree(response.body()) : null, response.body());
    }

    /**
     * Sends a request; a patient client also retries what a well-behaved client retries: no answer
     * at all, a 503 after its Retry-After, and a 409 for an Idempotency-Key whose first request is
     * still held (the key's lease lapses when the server that held it died).
     */
    private HttpResponse<String> send(HttpRequest request) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException unanswered) {
                if (System.nanoTime() > deadline) throw unanswered;
                Thread.sleep(200);
                continue;
            }
            boolean keyHeld = response.statusCode() == 409 && response.body().contains("idempotency-key-in-use");
            if ((response.statusCode() != 503 && !keyHeld) || System.nanoTime() > deadline) return response;
            if (response.statusCode() == 503) unavailableAnswers.incrementAndGet();
            long retryAfter = response.headers().firstValue("Retry-After").filter(v -> v.matches("\\d{1,4}")).map(Long::parseLong).orElse(1L);
            Thread.sleep(Math.min(retryAfter, 5) * 1_000);
        }
    }

    /** 503 answers this client waited out and retried. */
    public int unavailableAnswers() {
        return unavailableAnswers.get();
    }

    private static JsonNode expectOk(Reply reply) {
        if (reply.status() / 100 != 2) throw new IllegalStateException("answered " + reply.status() + ": " + reply.text());
        return reply.body();
    }

    private RawTransactionManager transactionManager() {
        return new RawTransactionManager(web3j, wallet, info.chainId(), new PollingTransactionReceiptProcessor(web3j, 50, 400));
    }

    private StaticEIP1559GasProvider gas() {
        return new StaticEIP1559GasProvider(info.chainId(), BigInteger.valueOf(50_000_000_000L), BigInteger.valueOf(1_000_000_000L),
                BigInteger.valueOf(1_000_000L));
    }
}
