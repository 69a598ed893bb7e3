package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.chain.contracts.TestUSDC;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A buyer using the stack only through its public interfaces: HTTP API, wallet, chain. */
final class Buyer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalMarketplace stack;
    final Credentials wallet;
    final String address;
    private String token;

    record Reply(int status, JsonNode body) {
    }

    Buyer(LocalMarketplace stack, long microUsdc) throws Exception {
        this.stack = stack;
        this.wallet = Credentials.create(Keys.createEcKeyPair());
        this.address = wallet.getAddress().toLowerCase();
        call("POST", stack.info().faucet(), Map.of("address", address, "amount", microUsdc));
        signIn();
    }

    private void signIn() throws Exception {
        String message = call("POST", "/auth/nonce", Map.of("address", address)).body().path("message").asText();
        Sign.SignatureData s = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), wallet.getEcKeyPair());
        byte[] bytes = new byte[65];
        System.arraycopy(s.getR(), 0, bytes, 0, 32);
        System.arraycopy(s.getS(), 0, bytes, 32, 32);
        bytes[64] = s.getV()[0];
        token = call("POST", "/auth/login", Map.of("message", message, "signature", Numeric.toHexString(bytes))).body()
                .path("token").asText();
    }

    JsonNode order(long seconds, String template, Map<String, String> parameters) throws Exception {
        JsonNode quote = call("POST", "/quotes", Map.of("offerId", "local-cpu", "units", 1, "seconds", seconds,
                "template", template, "parameters", parameters)).body();
        return call("POST", "/orders", Map.of("quoteId", quote.path("quoteId").asText())).body();
    }

    /** Signs the API's permit typed data and deposits with it, as a wallet would. */
    String payWithPermit(JsonNode order) throws Exception {
        JsonNode permit = order.path("permit");
        Sign.SignatureData signature = Sign.signTypedData(JSON.writeValueAsString(permit), wallet.getEcKeyPair());
        return escrow().depositWithPermit(OrderIds.toBytes32(order.path("orderId").asText()),
                new BigInteger(permit.path("message").path("value").asText()),
                new BigInteger(permit.path("message").path("deadline").asText()),
                BigInteger.valueOf(Byte.toUnsignedInt(signature.getV()[0])), signature.getR(), signature.getS()).send()
                .getTransactionHash();
    }

    /** A plain approve-and-deposit of any amount (a partial payment or a top-up). */
    void pay(String orderId, long microUsdc) throws Exception {
        usdc().approve(stack.deployment().escrow(), BigInteger.valueOf(microUsdc)).send();
        escrow().deposit(OrderIds.toBytes32(orderId), BigInteger.valueOf(microUsdc)).send();
    }

    ComputeEscrow escrow() {
        return ComputeEscrow.load(stack.deployment().escrow(), stack.node().web3j(), stack.deployer().transactionManager(wallet),
                stack.deployer().gasProvider());
    }

    TestUSDC usdc() {
        return TestUSDC.load(stack.deployment().usdc(), stack.node().web3j(), stack.deployer().transactionManager(wallet),
                stack.deployer().gasProvider());
    }

    JsonNode get(String orderId) throws Exception {
        return call("GET", "/orders/" + orderId, null).body();
    }

    Reply call(String method, String path, Object body) throws Exception {
        String url = path.startsWith("http") ? path : stack.info().api() + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) request.header("Authorization", "Bearer " + token);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() || !response.headers().firstValue("Content-Type").orElse("").contains("json")
                ? null : JSON.readTree(response.body());
        return new Reply(response.statusCode(), json);
    }
}
