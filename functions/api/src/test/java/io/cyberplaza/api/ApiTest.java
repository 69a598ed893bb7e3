package io.cyberplaza.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.escrow.EventKey;
import io.cyberplaza.core.fakes.InMemoryDepositLedger;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.RecordingWorkQueue;
import io.cyberplaza.core.order.OrderFunding;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API over a real embedded server, with the ports in memory. */
@MicronautTest
@Property(name = "cyberplaza.auth.first-operator", value = ApiTest.OPERATOR_ADDRESS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
    static final String OPERATOR_KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    static final String OPERATOR_ADDRESS = "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;
    @Inject
    OrderRepository orders;
    @Inject
    SettlementRepository settlements;
    @Inject
    RecordingWorkQueue queue;
    @Inject
    MutableClock clock;

    record Reply(int status, String contentType, JsonNode body, String raw) {
    }

    private Reply call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(10));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (body != null) {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        JsonNode json = contentType.contains("json") && !response.body().isEmpty() ? JSON.readTree(response.body()) : null;
        return new Reply(response.statusCode(), contentType, json, response.body());
    }

    private static void assertProblem(Reply reply, int status, String slug) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().path("type").asText()).isEqualTo("https://cyberplaza.io/problems/" + slug);
        assertThat(reply.body().path("status").asInt()).isEqualTo(status);
        assertThat(reply.raw()).doesNotContain("Exception", "at io.", "at java.");
    }

    /** Signs in as a new wallet the way any client would: nonce, EIP-4361 message, personal_sign. */
    private String signIn(Credentials wallet) throws Exception {
        Reply nonce = call("POST", "/auth/nonce", null, Map.of("address", wallet.getAddress()));
        assertThat(nonce.status()).isEqualTo(200);
        String message = nonce.body().path("message").asText();
        Reply login = call("POST", "/auth/login", null, Map.of("message", message, "signature", sign(wallet, message)));
        assertThat(login.status()).as(login.raw()).isEqualTo(200);
        assertThat(login.body().path("address").asText()).isEqualTo(wallet.getAddress().toLowerCase());
        return login.body().path("token").asText();
    }

    private static String sign(Credentials wallet, String message) {
        Sign.SignatureData signature = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), wallet.getEcKeyPair());
        byte[] bytes = new byte[65];
        System.arraycopy(signature.getR(), 0, bytes, 0, 32);
        System.arraycopy(signature.getS(), 0, bytes, 32, 32);
        bytes[64] = signature.getV()[0];
        return Numeric.toHexString(bytes);
    }

    private static Credentials newWallet() throws Exception {
        return Credentials.create(Keys.createEcKeyPair());
    }

    private JsonNode order(String token) throws Exception {
        Reply quote = call("POST", "/quotes", token, Map.of("offerId", "local-cpu", "units", 1, "seconds", 3600,
                "template", "prime-sieve", "parameters", Map.of("limit", "100000")));
        assertThat(quote.status()).as(quote.raw()).isEqualTo(201);
        Reply order = call("POST", "/orders", token, Map.of("quoteId", quote.body().path("quoteId").asText()));
        assertThat(order.status()).as(order.raw()).isEqualTo(201);
        return order.body();
    }

    @Nested
    class Public {
        @Test
        void healthAndOffersNeedNoToken() throws Exception {
            assertThat(call("GET", "/health", null, null).body().path("status").asText()).isEqualTo("ok");
            Reply offers = call("GET", "/offers", null, null);
            assertThat(offers.status()).isEqualTo(200);
            assertThat(offers.body().get(0).path("offerId").asText()).isEqualTo("local-cpu");
            assertThat(offers.body().get(0).path("pricePerHour").isTextual()).as("amounts are strings").isTrue();
            assertThat(offers.body().get(0).path("pricePerHour").asText()).isEqualTo("10000000");
        }

        @Test
        void everythingElseNeedsAToken() throws Exception {
            assertProblem(call("GET", "/orders", null, null), 401, "unauthorized");
            assertProblem(call("POST", "/quotes", "not-a-token", Map.of("offerId", "local-cpu")), 401, "unauthorized");
            assertProblem(call("GET", "/nowhere", null, null), 404, "not-found");
        }
    }

    @Nested
    class SignIn {
        @Test
        void aSignatureFromAnotherKeyIsRefused() throws Exception {
            Credentials wallet = newWallet();
            String message = call("POST", "/auth/nonce", null, Map.of("address", wallet.getAddress())).body().path("message").asText();
            Reply forged = call("POST", "/auth/login", null, Map.of("message", message, "signature", sign(newWallet(), message)));
            assertProblem(forged, 401, "unauthorized");
            // The forgery did not burn the real owner's nonce.
            assertThat(call("POST", "/auth/login", null, Map.of("message", message, "signature", sign(wallet, message))).status())
                    .isEqualTo(200);
        }

        @Test
        void aSignedMessageCannotBeReplayed() throws Exception {
            Credentials wallet = newWallet();
            String message = call("POST", "/auth/nonce", null, Map.of("address", wallet.getAddress())).body().path("message").asText();
            Map<String, String> body = Map.of("message", message, "signature", sign(wallet, message));
            assertThat(call("POST", "/auth/login", null, body).status()).isEqualTo(200);
            assertProblem(call("POST", "/auth/login", null, body), 401, "unauthorized");
        }

        @Test
        void aMessageForAnotherSiteOrChainIsRefused() throws Exception {
            Credentials wallet = newWallet();
            String message = call("POST", "/auth/nonce", null, Map.of("address", wallet.getAddress())).body().path("message").asText();
            String otherSite = message.replaceFirst("^localhost", "evil.example");
            assertProblem(call("POST", "/auth/login", null, Map.of("message", otherSite, "signature", sign(wallet, otherSite))),
                    401, "unauthorized");
            String otherChain = message.replace("Chain ID: 31337", "Chain ID: 1");
            assertProblem(call("POST", "/auth/login", null, Map.of("message", otherChain, "signature", sign(wallet, otherChain))),
                    401, "unauthorized");
            assertProblem(call("POST", "/auth/login", null, Map.of("message", "hello", "signature", sign(wallet, "hello"))),
                    400, "invalid-request");
        }
    }

    @Nested
    class Orders {
        @Test
        void aQuoteBecomesAnOrderWithEverythingTheWalletNeedsToPay() throws Exception {
            Credentials wallet = newWallet();
            String token = signIn(wallet);
            JsonNode order = order(token);
            assertThat(order.path("state").asText()).isEqualTo("QUOTED");
            assertThat(order.path("escrowAmount").asText()).isEqualTo("12000000");
            JsonNode escrow = order.path("escrow");
            assertThat(escrow.path("chainId").asLong()).isEqualTo(31337);
            assertThat(escrow.path("contract").asText()).isEqualTo(InMemoryPorts.ESCROW.escrow());
            assertThat(escrow.path("token").asText()).isEqualTo(InMemoryPorts.ESCROW.token());
            assertThat(escrow.path("orderId").asText()).isEqualTo(order.path("orderId").asText()).matches("0x[0-9a-f]{64}");
            assertThat(escrow.path("amount").asText()).isEqualTo("12000000");
            JsonNode permit = order.path("permit");
            assertThat(permit.path("primaryType").asText()).isEqualTo("Permit");
            assertThat(permit.path("domain").path("verifyingContract").asText()).isEqualTo(InMemoryPorts.ESCROW.token());
            assertThat(permit.path("message").path("owner").asText()).isEqualTo(wallet.getAddress().toLowerCase());
            assertThat(permit.path("message").path("spender").asText()).isEqualTo(InMemoryPorts.ESCROW.escrow());
            assertThat(permit.path("message").path("value").asText()).isEqualTo("12000000");
            assertThat(permit.path("message").path("nonce").asText()).isEqualTo("7");

            Reply read = call("GET", "/orders/" + order.path("orderId").asText(), token, null);
            assertThat(read.body().path("orderId").asText()).isEqualTo(order.path("orderId").asText());
            assertThat(call("GET", "/orders", token, null).body()).hasSize(1);
        }

        @Test
        void anotherUsersOrderDoesNotExistForThem() throws Exception {
            JsonNode order = order(signIn(newWallet()));
            String stranger = signIn(newWallet());
            String id = order.path("orderId").asText();
            assertProblem(call("GET", "/orders/" + id, stranger, null), 404, "not-found");
            assertProblem(call("POST", "/orders/" + id + "/complete", stranger, null), 404, "not-found");
            assertProblem(call("GET", "/orders/" + id + "/result", stranger, null), 404, "not-found");
            assertThat(call("GET", "/orders", stranger, null).body()).isEmpty();
        }

        @Test
        void badInputGetsAProblemNeverAServerError() throws Exception {
            String token = signIn(newWallet());
            assertProblem(call("POST", "/quotes", token, Map.of("offerId", "local-cpu", "units", 1, "seconds", 3600,
                    "template", "prime-sieve", "surprise", true)), 400, "invalid-request");
            assertProblem(call("POST", "/quotes", token, Map.of("offerId", "local-cpu", "units", 0, "seconds", 3600)),
                    400, "invalid-request");
            assertProblem(call("POST", "/quotes", token, "{not json"), 400, "invalid-request");
            assertProblem(call("POST", "/quotes", token, Map.of("offerId", "missing", "units", 1, "seconds", 3600)),
                    404, "not-found");
            assertProblem(call("GET", "/orders/not-an-id", token, null), 400, "invalid-request");
            assertProblem(call("POST", "/orders", token, Map.of("quoteId", "nope")), 404, "not-found");
            assertProblem(call("GET", "/nowhere", token, null), 404, "not-found");
            assertProblem(call("DELETE", "/orders", token, null), 405, "method-not-allowed");
        }

        @Test
        void anUnfundedOrderCannotBeCompletedAndHasNoResult() throws Exception {
            String token = signIn(newWallet());
            String id = order(token).path("orderId").asText();
            assertProblem(call("POST", "/orders/" + id + "/complete", token, null), 409, "state-conflict");
            assertProblem(call("GET", "/orders/" + id + "/result", token, null), 409, "state-conflict");
        }

        @Test
        void aFundedOrderShowsItsDepositAndCanBeCompleted() throws Exception {
            Credentials wallet = newWallet();
            String token = signIn(wallet);
            String id = order(token).path("orderId").asText();
            new OrderFunding(orders, new InMemoryDepositLedger(), settlements, queue, clock).apply(new EscrowEvent.Deposited(
                    new EventKey("0xabc", 0), 10, "0xb", id, wallet.getAddress().toLowerCase(), 12_000_000L, 12_000_000L));
            JsonNode funded = call("GET", "/orders/" + id, token, null).body();
            assertThat(funded.path("state").asText()).isEqualTo("FUNDED");
            assertThat(funded.path("deposited").asText()).isEqualTo("12000000");
            assertThat(funded.path("permit").isMissingNode() || funded.path("permit").isNull()).as("nothing left to pay").isTrue();

            Reply completed = call("POST", "/orders/" + id + "/complete", token, null);
            assertThat(completed.status()).isEqualTo(200);
            assertThat(completed.body().path("state").asText()).isEqualTo("SETTLING");
        }
    }

    @Nested
    class Roles {
        private final Credentials operator = Credentials.create(OPERATOR_KEY);

        @Test
        void theConfiguredOperatorGrantsAndTheRoleArrivesWithTheNextSignIn() throws Exception {
            assertThat(operator.getAddress()).isEqualTo(OPERATOR_ADDRESS);
            String operatorToken = signIn(operator);
            Credentials alice = newWallet();
            String before = signIn(alice);
            assertThat(call("GET", "/me", before, null).body().path("roles").toString()).isEqualTo("[\"USER\"]");

            Reply granted = call("PUT", "/accounts/" + alice.getAddress() + "/roles/PROVIDER", operatorToken, null);
            assertThat(granted.status()).as(granted.raw()).isEqualTo(200);
            assertThat(granted.body().path("roles").toString()).isEqualTo("[\"PROVIDER\",\"USER\"]");
            assertThat(call("GET", "/accounts/" + alice.getAddress(), operatorToken, null).body().path("roles").toString())
                    .isEqualTo("[\"PROVIDER\",\"USER\"]");

            Reply login = call("POST", "/auth/login", null, loginBody(alice));
            assertThat(login.body().path("roles").toString()).isEqualTo("[\"PROVIDER\",\"USER\"]");

            Reply revoked = call("DELETE", "/accounts/" + alice.getAddress() + "/roles/PROVIDER", operatorToken, null);
            assertThat(revoked.body().path("roles").toString()).isEqualTo("[\"USER\"]");
        }

        @Test
        void aUserOrProviderCannotTouchRolesAndOnlyGrantableRolesAreAccepted() throws Exception {
            String operatorToken = signIn(operator);
            Credentials alice = newWallet();
            call("PUT", "/accounts/" + alice.getAddress() + "/roles/PROVIDER", operatorToken, null);
            String provider = signIn(alice);
            String user = signIn(newWallet());
            for (String token : new String[]{provider, user}) {
                assertProblem(call("PUT", "/accounts/" + alice.getAddress() + "/roles/OPERATOR", token, null), 403, "forbidden");
                assertProblem(call("GET", "/accounts/" + alice.getAddress(), token, null), 403, "forbidden");
            }
            assertProblem(call("PUT", "/accounts/" + alice.getAddress() + "/roles/OPERATOR", null, null), 401, "unauthorized");
            assertProblem(call("PUT", "/accounts/" + alice.getAddress() + "/roles/USER", operatorToken, null), 400, "invalid-request");
            assertProblem(call("PUT", "/accounts/" + alice.getAddress() + "/roles/ROOT", operatorToken, null), 400, "invalid-request");
            assertProblem(call("PUT", "/accounts/not-an-address/roles/PROVIDER", operatorToken, null), 400, "invalid-request");
            assertProblem(call("DELETE", "/accounts/" + OPERATOR_ADDRESS + "/roles/OPERATOR", operatorToken, null), 409, "state-conflict");
        }

        private Map<String, String> loginBody(Credentials wallet) throws Exception {
            String message = call("POST", "/auth/nonce", null, Map.of("address", wallet.getAddress())).body().path("message").asText();
            return Map.of("message", message, "signature", sign(wallet, message));
        }
    }
}
