package io.cyberplaza.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.escrow.EventKey;
import io.cyberplaza.core.fakes.InMemoryDepositLedger;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.StaticVeLedger;
import io.cyberplaza.core.ve.VeLedger;
import io.cyberplaza.core.pricing.Peg;
import io.cyberplaza.core.pricing.PriceAggregator;
import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PriceUnit;
import io.cyberplaza.core.pricing.PricingRounds;
import io.cyberplaza.core.pricing.Rejection;
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

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
    InMemoryPorts.BlinkingPermitNonces permitNonces;
    @Inject
    InMemoryPorts.OwnedContractAccounts contractAccounts;
    @Inject
    OrderRepository orders;
    @Inject
    SettlementRepository settlements;
    @Inject
    RecordingWorkQueue queue;
    @Inject
    MutableClock clock;
    @Inject
    io.cyberplaza.core.fakes.InMemoryPriceRepository prices;
    @Inject
    io.cyberplaza.core.fakes.InMemoryPricingRounds rounds;
    @Inject
    io.cyberplaza.core.quote.QuoteRepository quotes;
    @Inject
    io.cyberplaza.core.fakes.InMemoryIdempotencyStore idempotency;
    @Inject
    io.cyberplaza.core.fakes.SwitchableTokenState tokenState;
    @Inject
    io.micronaut.web.router.Router router;
    @Inject
    StaticVeLedger veLedger;

    record Reply(int status, String contentType, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
    }

    private Reply call(String method, String path, String token, Object body) throws Exception {
        return call(method, path, token, body, Map.of());
    }

    private Reply call(String method, String path, String token, Object body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(10));
        if (token != null) request.header("Authorization", "Bearer " + token);
        headers.forEach(request::header);
        if (body != null) {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            if (!headers.containsKey("Content-Type")) request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(text));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        JsonNode json = contentType.contains("json") && !response.body().isEmpty() ? JSON.readTree(response.body()) : null;
        return new Reply(response.statusCode(), contentType, json, response.body(), response.headers());
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
            JsonNode local = java.util.stream.StreamSupport.stream(offers.body().spliterator(), false)
                    .filter(o -> o.path("offerId").asText().equals("local-cpu")).findFirst().orElseThrow();
            assertThat(local.path("pricePerHour").isTextual()).as("amounts are strings").isTrue();
            assertThat(local.path("pricePerHour").asText()).isEqualTo("10000000");
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

        @Test
        void aMessageForAnotherUriOrWithABrokenChecksumIsRefusedAndTheNonceSurvives() throws Exception {
            Credentials wallet = newWallet();
            String message = call("POST", "/auth/nonce", null, Map.of("address", wallet.getAddress())).body().path("message").asText();
            String otherUri = message.replace("URI: http://localhost", "URI: https://evil.example");
            assertThat(otherUri).isNotEqualTo(message);
            Reply refused = call("POST", "/auth/login", null, Map.of("message", otherUri, "signature", sign(wallet, otherUri)));
            assertProblem(refused, 401, "unauthorized");
            assertThat(refused.body().path("detail").asText()).contains("https://evil.example");

            String checksummed = org.web3j.crypto.Keys.toChecksumAddress(wallet.getAddress());
            String broken = flipCaseOfFirstLetter(checksummed);
            String misspelt = message.replace(checksummed, broken);
            assertThat(misspelt).isNotEqualTo(message);
            Reply badChecksum = call("POST", "/auth/login", null, Map.of("message", misspelt, "signature", sign(wallet, misspelt)));
            assertProblem(badChecksum, 400, "invalid-request");
            assertThat(badChecksum.body().path("detail").asText()).contains("EIP-55");

            String lower = message.replace(checksummed, checksummed.toLowerCase());
            assertThat(call("POST", "/auth/login", null, Map.of("message", lower, "signature", sign(wallet, lower))).status())
                    .as("an address in one case carries no checksum, and the nonce was not spent by the refusals").isEqualTo(200);
        }

        @Test
        void aContractAccountSignsInWithWhatItsContractAcceptsAndAStrangersSignatureIsRefused() throws Exception {
            Credentials owner = newWallet();
            String safe = newWallet().getAddress().toLowerCase();
            contractAccounts.ownerOf.put(safe, owner.getAddress().toLowerCase());
            String message = call("POST", "/auth/nonce", null, Map.of("address", safe)).body().path("message").asText();

            Reply stranger = call("POST", "/auth/login", null, Map.of("message", message, "signature", signDigest(newWallet(), message)));
            assertProblem(stranger, 401, "unauthorized");

            int asked = contractAccounts.asked.get();
            String invented = message.replaceFirst("Nonce: [0-9a-f]+", "Nonce: 00000000000000000000000000000000");
            assertThat(invented).isNotEqualTo(message);
            assertProblem(call("POST", "/auth/login", null, Map.of("message", invented, "signature", signDigest(owner, invented))),
                    401, "unauthorized");
            assertThat(contractAccounts.asked.get()).as("a message with a nonce nobody issued never reaches the chain").isEqualTo(asked);

            contractAccounts.unreachable = true;
            Reply unasked = call("POST", "/auth/login", null, Map.of("message", message, "signature", signDigest(owner, message)));
            assertProblem(unasked, 503, "chain-unavailable");
            contractAccounts.unreachable = false;

            Reply login = call("POST", "/auth/login", null, Map.of("message", message, "signature", signDigest(owner, message)));
            assertThat(login.status()).as(login.raw()).isEqualTo(200);
            assertThat(login.body().path("address").asText()).isEqualTo(safe);
            assertThat(call("GET", "/orders", login.body().path("token").asText(), null).status()).isEqualTo(200);
        }

        @Test
        void aKeysOwnSignatureNeverAsksTheChainAndAnOversizedOrOddOneIsRefusedAsInput() throws Exception {
            Credentials wallet = newWallet();
            int asked = contractAccounts.asked.get();
            signIn(wallet);
            assertThat(contractAccounts.asked.get()).isEqualTo(asked);

            String message = call("POST", "/auth/nonce", null, Map.of("address", wallet.getAddress())).body().path("message").asText();
            assertProblem(call("POST", "/auth/login", null, Map.of("message", message, "signature", "0x" + "ab".repeat(8_193))),
                    400, "invalid-request");
            assertProblem(call("POST", "/auth/login", null, Map.of("message", message, "signature", "0x" + "a".repeat(131))),
                    401, "unauthorized");
        }

        /** The EIP-191 digest of the message signed raw, as a Safe's owner signs for the Safe. */
        private static String signDigest(Credentials owner, String message) {
            byte[] digest = Sign.getEthereumMessageHash(message.getBytes(StandardCharsets.UTF_8));
            Sign.SignatureData signature = Sign.signMessage(digest, owner.getEcKeyPair(), false);
            byte[] bytes = new byte[65];
            System.arraycopy(signature.getR(), 0, bytes, 0, 32);
            System.arraycopy(signature.getS(), 0, bytes, 32, 32);
            bytes[64] = signature.getV()[0];
            return Numeric.toHexString(bytes);
        }

        /** The address with one letter's case flipped, still in mixed case (so it claims to carry a checksum). */
        private static String flipCaseOfFirstLetter(String address) {
            for (int i = 2; i < address.length(); i++) {
                char c = address.charAt(i);
                if (!Character.isLetter(c)) continue;
                StringBuilder flipped = new StringBuilder(address);
                flipped.setCharAt(i, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
                String hex = flipped.substring(2);
                if (!hex.equals(hex.toLowerCase()) && !hex.equals(hex.toUpperCase())) return flipped.toString();
            }
            throw new IllegalArgumentException("no letter of " + address + " can be flipped and leave it in mixed case");
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
            assertThat(escrow.path("owner").asText()).as("the order is keyed on chain by its owner too")
                    .isEqualTo(wallet.getAddress().toLowerCase());
            assertThat(escrow.path("amount").asText()).isEqualTo("12000000");
            JsonNode permit = order.path("permit");
            assertThat(permit.path("primaryType").asText()).isEqualTo("Permit");
            assertThat(permit.path("domain").path("verifyingContract").asText()).isEqualTo(InMemoryPorts.ESCROW.token());
            assertThat(permit.path("message").path("owner").asText()).isEqualTo(wallet.getAddress().toLowerCase());
            assertThat(permit.path("message").path("spender").asText()).isEqualTo(InMemoryPorts.ESCROW.escrow());
            assertThat(permit.path("message").path("value").asText()).isEqualTo("12000000");
            assertThat(permit.path("message").path("nonce").asText()).isEqualTo("7");
            JsonNode calls = escrow.path("calls");
            assertThat(calls).as("a contract account pays with the calls, not the permit").hasSize(2);
            String escrowWord = "000000000000000000000000" + InMemoryPorts.ESCROW.escrow().substring(2);
            String amountWord = String.format("%064x", 12_000_000);
            assertThat(calls.get(0).path("to").asText()).isEqualTo(InMemoryPorts.ESCROW.token());
            assertThat(calls.get(0).path("data").asText()).isEqualTo("0x095ea7b3" + escrowWord + amountWord);
            assertThat(calls.get(1).path("to").asText()).isEqualTo(InMemoryPorts.ESCROW.escrow());
            assertThat(calls.get(1).path("data").asText()).isEqualTo("0xeb2243f8"
                    + "000000000000000000000000" + wallet.getAddress().substring(2).toLowerCase()
                    + order.path("orderId").asText().substring(2) + amountWord);

            Reply read = call("GET", "/orders/" + order.path("orderId").asText(), token, null);
            assertThat(read.body().path("orderId").asText()).isEqualTo(order.path("orderId").asText());
            assertThat(call("GET", "/orders", token, null).body()).hasSize(1);
        }

        @Test
        void anOrderTakenWhileTheNodeCannotBeReadIsCreatedWithoutAPermitAndGetsOneWhenItCan() throws Exception {
            String token = signIn(newWallet());
            permitNonces.unreachable = true;
            JsonNode order;
            try {
                order = order(token);
            } finally {
                permitNonces.unreachable = false;
            }
            assertThat(order.path("state").asText()).as("found by the soak: this answered 500").isEqualTo("QUOTED");
            assertThat(order.path("permit").isMissingNode() || order.path("permit").isNull()).isTrue();
            assertThat(order.path("escrow").path("amount").asText()).as("approve and deposit still work").isEqualTo("12000000");
            JsonNode again = call("GET", "/orders/" + order.path("orderId").asText(), token, null).body();
            assertThat(again.path("permit").path("message").path("nonce").asText()).isEqualTo("7");
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
            String quoteId = call("POST", "/quotes", token, Map.of("offerId", "local-cpu", "units", 1, "seconds", 3600,
                    "template", "prime-sieve")).body().path("quoteId").asText();
            assertProblem(call("POST", "/orders", token, Map.of("quoteId", quoteId, "couponId", "DROP TABLE")), 400, "invalid-request");
            assertProblem(call("POST", "/orders", token, Map.of("quoteId", quoteId, "couponId", "cpn_" + "0".repeat(40))), 404, "not-found");
            assertThat(call("GET", "/orders", token, null).body()).isEmpty();
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
            String owner = wallet.getAddress().toLowerCase();
            new io.cyberplaza.core.escrow.EscrowEventRouter(new InMemoryDepositLedger(), settlements,
                    java.util.List.of(new OrderFunding(orders, queue, io.cyberplaza.core.metrics.Metrics.NONE,
                            OrderFunding.ResourceStop.NONE, clock)), (orderId, why) -> { }, io.cyberplaza.core.escrow.EscrowEventRouter.DisputeEvents.NONE)
                    .apply(new EscrowEvent.Deposited(new EventKey("0xabc", 0), 10, "0xb", id, owner, owner, 12_000_000L, 12_000_000L));
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
        void aRevokedOperatorOrProviderIsRefusedOnEveryOfTheirRoutesAtTheNextRequest() throws Exception {
            String operatorToken = signIn(operator);
            Credentials deputy = newWallet();
            Credentials acme = newWallet();
            call("PUT", "/accounts/" + deputy.getAddress() + "/roles/OPERATOR", operatorToken, null);
            call("PUT", "/accounts/" + acme.getAddress() + "/roles/PROVIDER", operatorToken, null);
            String deputyToken = signIn(deputy);
            String acmeToken = signIn(acme);
            assertThat(call("GET", "/accounts/" + acme.getAddress(), deputyToken, null).status()).isEqualTo(200);
            assertThat(call("GET", "/providers/me/offers", acmeToken, null).status()).isEqualTo(200);

            call("DELETE", "/accounts/" + deputy.getAddress() + "/roles/OPERATOR", operatorToken, null);
            call("DELETE", "/accounts/" + acme.getAddress() + "/roles/PROVIDER", operatorToken, null);

            String anyId = "0x" + "ab".repeat(20);
            int checked = 0;
            for (var route : router.uriRoutes().toList()) {
                java.util.Set<String> roles = java.util.Set.of(route.getAnnotationMetadata()
                        .stringValues(io.micronaut.security.annotation.Secured.class));
                String token = roles.contains("OPERATOR") ? deputyToken : roles.contains("PROVIDER") ? acmeToken : null;
                if (token == null) continue;
                Map<String, Object> values = new java.util.HashMap<>();
                route.getUriMatchTemplate().getVariableNames().forEach(name -> values.put(name, anyId));
                String path = route.getUriMatchTemplate().expand(values);
                String method = route.getHttpMethodName();
                // The router answers HEAD for every GET; it has no body to carry a problem.
                if (method.equals("HEAD")) continue;
                boolean sendsBody = method.equals("POST") || method.equals("PUT");
                String consumes = route.getConsumes().stream().findFirst().map(Object::toString).orElse("application/json");
                Reply refused = !sendsBody ? call(method, path, token, null)
                        : consumes.contains("json") ? call(method, path, token, Map.of())
                        : call(method, path, token, "", Map.of("Content-Type", consumes));
                assertThat(refused.status()).as(method + " " + path + " with a revoked role: " + refused.raw()).isEqualTo(403);
                assertProblem(refused, 403, "forbidden");
                checked++;
            }
            assertThat(checked).as("every operator and provider route").isGreaterThanOrEqualTo(17);
            assertThat(call("GET", "/me", acmeToken, null).body().path("roles").toString())
                    .as("the token still says PROVIDER; the accounts say otherwise").isEqualTo("[\"USER\"]");
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

    @Nested
    class IdempotencyKeys {
        private final Map<String, Object> quote = Map.of("offerId", "local-cpu", "units", 1, "seconds", 3600,
                "template", "prime-sieve", "parameters", Map.of("limit", "1000"));

        private Reply post(String token, String path, Object body, String key) throws Exception {
            return call("POST", path, token, body, Map.of("Idempotency-Key", key));
        }

        @Test
        void theSameKeyAndRequestReturnTheFirstResponseAndCreateNothingMore() throws Exception {
            String token = signIn(newWallet());
            Reply first = post(token, "/quotes", quote, "quote-1");
            // Same fields in another order: the same request.
            Reply again = call("POST", "/quotes", token, "{\"units\":1,\"seconds\":3600,\"offerId\":\"local-cpu\","
                    + "\"parameters\":{\"limit\":\"1000\"},\"template\":\"prime-sieve\"}", Map.of("Idempotency-Key", "quote-1"));
            assertThat(first.status()).isEqualTo(201);
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();

            Reply order = post(token, "/orders", Map.of("quoteId", first.body().path("quoteId").asText()), "order-1");
            Reply orderAgain = post(token, "/orders", Map.of("quoteId", first.body().path("quoteId").asText()), "order-1");
            assertThat(orderAgain.body().path("orderId")).isEqualTo(order.body().path("orderId"));

            Reply unkeyed = call("POST", "/quotes", token, quote);
            assertThat(unkeyed.body().path("quoteId")).isNotEqualTo(first.body().path("quoteId"));
        }

        @Test
        void theSameKeyWithAnotherRequestIsRefused() throws Exception {
            String token = signIn(newWallet());
            post(token, "/quotes", quote, "reused");
            Map<String, Object> other = new java.util.HashMap<>(quote);
            other.put("units", 2);
            assertProblem(post(token, "/quotes", other, "reused"), 422, "idempotency-key-reused");
            assertProblem(post(token, "/orders", Map.of("quoteId", "q"), "reused"), 422, "idempotency-key-reused");
        }

        @Test
        void keysBelongToTheirCallerAndMustBeWellFormed() throws Exception {
            String alice = signIn(newWallet());
            String bob = signIn(newWallet());
            Reply hers = post(alice, "/quotes", quote, "shared-name");
            Reply his = post(bob, "/quotes", quote, "shared-name");
            assertThat(his.status()).isEqualTo(201);
            assertThat(his.body().path("quoteId")).isNotEqualTo(hers.body().path("quoteId"));
            assertProblem(post(alice, "/quotes", quote, "k".repeat(256)), 400, "invalid-request");
            assertProblem(post(alice, "/quotes", quote, "has space"), 400, "invalid-request");
        }

        @Test
        void aFailedRequestFreesItsKeyAndARunningOneHoldsIt() throws Exception {
            Credentials wallet = newWallet();
            String token = signIn(wallet);
            Map<String, Object> unknownOffer = new java.util.HashMap<>(quote);
            unknownOffer.put("offerId", "no-such-offer");
            assertProblem(post(token, "/quotes", unknownOffer, "retry-me"), 404, "not-found");
            assertThat(post(token, "/quotes", quote, "retry-me").status()).as("nothing was created: the key is free").isEqualTo(201);

            // Another container holds "busy" for this very request and has not answered yet.
            String caller = wallet.getAddress().toLowerCase();
            String sameRequest = idempotency.find(caller, "retry-me").orElseThrow().fingerprint();
            idempotency.claim(caller, "busy", sameRequest, clock.instant(), clock.instant().plusSeconds(60), clock.instant().plusSeconds(3_600));
            assertProblem(post(token, "/quotes", quote, "busy"), 409, "idempotency-key-in-use");
        }
    }

    @Nested
    class RateLimits {
        @Test
        void theHundredAndFirstRequestInAMinuteIsRefusedUntilTheWindowEnds() throws Exception {
            String token = signIn(newWallet());
            for (int i = 1; i <= 100; i++) {
                Reply ok = call("GET", "/me", token, null);
                assertThat(ok.status()).as("request %d", i).isEqualTo(200);
                assertThat(ok.headers().firstValue("RateLimit-Remaining")).contains(Integer.toString(100 - i));
            }
            Reply refused = call("GET", "/me", token, null);
            assertProblem(refused, 429, "rate-limited");
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 61L);
            assertThat(call("GET", "/me", signIn(newWallet()), null).status()).as("another caller").isEqualTo(200);

            clock.advance(Duration.ofSeconds(retryAfter));
            assertThat(call("GET", "/me", token, null).status()).as("a new window").isEqualTo(200);
        }

        private int remaining(Reply reply) {
            return Integer.parseInt(reply.headers().firstValue("RateLimit-Remaining").orElseThrow());
        }

        @Test
        void signInAndEachVendorsWebhookHaveBudgetsOfTheirOwnAndAnInventedWebhookHasNone() throws Exception {
            int browsing = remaining(call("GET", "/offers", null, null));
            int signingIn = remaining(call("POST", "/auth/nonce", null, Map.of("address", newWallet().getAddress())));
            Reply aws = call("POST", "/webhooks/aws", null, "{}");
            assertThat(aws.headers().firstValue("RateLimit-Limit")).contains("6000");

            assertThat(remaining(call("POST", "/webhooks/made-up-" + java.util.UUID.randomUUID(), null, "{}")))
                    .as("a webhook that does not exist spends the caller's own budget").isEqualTo(browsing - 1);
            assertThat(remaining(call("GET", "/offers", null, null))).as("signing in and callbacks left browsing alone")
                    .isEqualTo(browsing - 2);
            assertThat(remaining(call("POST", "/auth/nonce", null, Map.of("address", newWallet().getAddress())))).isEqualTo(signingIn - 1);
        }
    }

    @Nested
    class VeCpt {
        private static final BigInteger VE = BigInteger.TEN.pow(18);

        @Test
        void aHoldersQuoteAndOrderCarryItsTiersDiscountAndGetVeShowsTheLockTierAndFeeShare() throws Exception {
            Credentials holder = newWallet();
            String token = signIn(holder);
            long unlockAt = clock.instant().getEpochSecond() + 86_400 * 364;
            veLedger.hold(holder.getAddress(), new VeLedger.Holding(VE.multiply(BigInteger.valueOf(8_000)), unlockAt, VE.multiply(BigInteger.valueOf(12_345))));
            veLedger.owe(holder.getAddress(), BigInteger.valueOf(4_321));

            Reply ve = call("GET", "/ve", token, null);
            assertThat(ve.status()).as(ve.raw()).isEqualTo(200);
            assertThat(ve.body().path("account").asText()).isEqualTo(holder.getAddress().toLowerCase());
            assertThat(ve.body().path("locks").path(0).path("lockedCpt").asText()).isEqualTo("8000" + "0".repeat(18));
            assertThat(ve.body().path("locks").path(0).path("unlockAt").asLong()).isEqualTo(unlockAt);
            assertThat(ve.body().path("votingPower").asText()).isEqualTo("12345" + "0".repeat(18));
            assertThat(ve.body().path("votingPowerAtUnlock").asText()).isEqualTo("0");
            assertThat(ve.body().path("discountBps").asInt()).isEqualTo(1_000);
            assertThat(ve.body().path("nextTier").path("minimumVotingPower").asText()).isEqualTo("50000" + "0".repeat(18));
            assertThat(ve.body().path("nextTier").path("discountBps").asInt()).isEqualTo(1_500);
            assertThat(ve.body().path("claimableFees").asText()).isEqualTo("4321");

            Reply quote = call("POST", "/quotes", token, Map.of("offerId", "local-cpu", "units", 1, "seconds", 3600,
                    "template", "prime-sieve", "parameters", Map.of("limit", "100000")));
            assertThat(quote.status()).as(quote.raw()).isEqualTo(201);
            long fee = Long.parseLong(quote.body().path("feeWithoutDiscount").asText());
            assertThat(quote.body().path("feeDiscountBps").asInt()).isEqualTo(1_000);
            assertThat(Long.parseLong(quote.body().path("feeCharged").asText())).isEqualTo(fee - fee / 10);
            assertThat(quote.body().path("priceSnapshot").path("buyerVotingPower").asText()).isEqualTo("12345" + "0".repeat(18));
            assertThat(quotes.find(quote.body().path("quoteId").asText()).orElseThrow().terms().feeDiscountBps()).isEqualTo(1_000);
        }

        @Test
        void withoutALockThereIsNoDiscountAndANodeThatCannotAnswerIsA503ForGetVeButNotForAQuote() throws Exception {
            String token = signIn(newWallet());
            Reply ve = call("GET", "/ve", token, null);
            assertThat(ve.status()).isEqualTo(200);
            assertThat(ve.body().path("locks").size()).isZero();
            assertThat(ve.body().path("discountBps").asInt()).isZero();
            assertThat(ve.body().path("nextTier").path("minimumVotingPower").asText()).isEqualTo("1000" + "0".repeat(18));

            veLedger.unreachable(true);
            try {
                String other = signIn(newWallet());
                assertProblem(call("GET", "/ve", other, null), 503, "chain-unavailable");
                Reply quote = call("POST", "/quotes", other, Map.of("offerId", "local-cpu", "units", 1, "seconds", 3600,
                        "template", "prime-sieve", "parameters", Map.of("limit", "100000")));
                assertThat(quote.status()).as("no discount rather than no quote").isEqualTo(201);
                assertThat(quote.body().path("feeDiscountBps").asInt()).isZero();
                assertThat(quote.body().path("priceSnapshot").path("buyerVotingPower").isNull()).isTrue();
            } finally {
                veLedger.unreachable(false);
            }
            assertProblem(call("GET", "/ve", null, null), 401, "unauthorized");
        }
    }

    @Nested
    class Document {
        @Test
        void theOpenApiDocumentIs31AndDescribesEveryRouteItsSecurityAndItsErrors() throws Exception {
            Reply reply = call("GET", "/openapi.json", null, null);
            assertThat(reply.status()).isEqualTo(200);
            JsonNode doc = reply.body();
            assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
            assertThat(reply.raw()).doesNotContain("\"nullable\"");
            assertThat(doc.path("paths").fieldNames()).toIterable().contains("/health", "/offers", "/auth/nonce", "/auth/login",
                    "/quotes", "/orders", "/orders/{orderId}", "/orders/{orderId}/complete", "/orders/{orderId}/result", "/me",
                    "/accounts/{address}", "/accounts/{address}/roles/{role}");
            doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
                String where = operation.getKey().toUpperCase() + " " + path.getKey();
                JsonNode responses = operation.getValue().path("responses");
                assertThat(operation.getValue().path("summary").asText()).as(where).isNotBlank();
                assertThat(responses.has("429")).as(where + " documents the rate limit").isTrue();
                boolean secured = operation.getValue().has("security");
                boolean anonymous = path.getKey().startsWith("/auth") || path.getKey().equals("/health")
                        || operation.getKey().equals("get") && List.of("/offers", "/offers/{offerId}", "/providers/{address}", "/campaigns", "/campaigns/{campaignId}",
                        "/rewards/epochs/{epoch}").contains(path.getKey());
                assertThat(secured).as(where + " is secured unless public").isEqualTo(!anonymous);
                if (secured) assertThat(responses.has("401")).as(where).isTrue();
                responses.properties().stream().filter(r -> r.getKey().charAt(0) != '2').forEach(r ->
                        assertThat(r.getValue().path("content").has("application/problem+json")).as(where + " " + r.getKey()).isTrue());
            }));
            JsonNode usage = doc.path("components").path("schemas").path("Order").path("properties").path("usage");
            assertThat(usage.path("anyOf").toString()).contains("#/components/schemas/Usage").contains("\"null\"");
        }
    }

    /** OWASP API1 (object), API3 (property) and API5 (function) level authorization, and forged sessions. */
    @Nested
    class Authorization {
        private String forged(String subject, List<String> roles, String key, java.util.Date expires) throws Exception {
            var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().subject(subject).claim("roles", roles)
                    .expirationTime(expires).issueTime(new java.util.Date()).build();
            var jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256), claims);
            jwt.sign(new com.nimbusds.jose.crypto.MACSigner(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        }

        @Test
        void forgedExpiredAndUnsignedSessionsAreRefusedEverywhere() throws Exception {
            String someone = newWallet().getAddress().toLowerCase();
            java.util.Date later = new java.util.Date(System.currentTimeMillis() + 3_600_000);
            String otherKey = forged(OPERATOR_ADDRESS, List.of("USER", "OPERATOR"), "another-key-that-is-long-enough-for-hs256-000000", later);
            String expired = forged(someone, List.of("USER"), "test-only-secret-that-is-long-enough-for-hs256-0123456789",
                    new java.util.Date(System.currentTimeMillis() - 60_000));
            String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
            String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("{\"sub\":\"" + OPERATOR_ADDRESS + "\",\"roles\":[\"OPERATOR\"],\"exp\":" + (later.getTime() / 1000) + "}").getBytes());
            String unsigned = header + "." + payload + ".";
            String[][] endpoints = {{"GET", "/me"}, {"GET", "/orders"}, {"POST", "/quotes"}, {"POST", "/orders"},
                    {"GET", "/accounts/" + someone}, {"PUT", "/accounts/" + someone + "/roles/OPERATOR"},
                    {"DELETE", "/accounts/" + someone + "/roles/PROVIDER"},
                    {"GET", "/orders/0x" + "ab".repeat(32)}, {"POST", "/orders/0x" + "ab".repeat(32) + "/complete"}};
            for (String token : new String[]{otherKey, expired, unsigned, "", "Bearer"}) {
                for (String[] endpoint : endpoints) {
                    Object body = endpoint[0].equals("POST") && !endpoint[1].endsWith("/complete") ? Map.of() : null;
                    assertProblem(call(endpoint[0], endpoint[1], token.isEmpty() ? null : token, body), 401, "unauthorized");
                }
            }
            assertThat(call("GET", "/accounts/" + someone, signIn(operator()), null).body().path("roles").toString())
                    .as("nothing was granted by a forged operator").isEqualTo("[\"USER\"]");
        }

        @Test
        void anotherUsersQuoteAndOrderDoNotExistForTheCaller() throws Exception {
            String alice = signIn(newWallet());
            String mallory = signIn(newWallet());
            JsonNode quote = call("POST", "/quotes", alice, Map.of("offerId", "local-cpu", "units", 1, "seconds", 3600,
                    "template", "prime-sieve")).body();
            assertProblem(call("POST", "/orders", mallory, Map.of("quoteId", quote.path("quoteId").asText())), 404, "not-found");
            JsonNode order = call("POST", "/orders", alice, Map.of("quoteId", quote.path("quoteId").asText())).body();
            String id = order.path("orderId").asText();
            assertProblem(call("GET", "/orders/" + id, mallory, null), 404, "not-found");
            assertProblem(call("POST", "/orders/" + id + "/complete", mallory, null), 404, "not-found");
            assertProblem(call("GET", "/orders/" + id + "/result", mallory, null), 404, "not-found");
            assertThat(call("GET", "/orders", mallory, null).body()).isEmpty();
            assertThat(call("GET", "/orders/" + id, alice, null).status()).isEqualTo(200);
        }

        @Test
        void fieldsTheServerOwnsCannotBeSetByTheCaller() throws Exception {
            String token = signIn(newWallet());
            Map<String, Object> quote = Map.of("offerId", "local-cpu", "units", 1, "seconds", 3600, "template", "prime-sieve");
            for (String owned : new String[]{"pricePerHour", "feeBps", "escrowAmount", "owner", "quoteId"}) {
                Map<String, Object> body = new java.util.HashMap<>(quote);
                body.put(owned, owned.equals("feeBps") ? 0 : "1");
                assertProblem(call("POST", "/quotes", token, body), 400, "invalid-request");
            }
            JsonNode made = call("POST", "/quotes", token, quote).body();
            for (String owned : new String[]{"owner", "escrowAmount", "state", "deposited"}) {
                assertProblem(call("POST", "/orders", token, Map.of("quoteId", made.path("quoteId").asText(), owned, "0")), 400,
                        "invalid-request");
            }
        }

        @Test
        void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
            String token = signIn(newWallet());
            String huge = "{\"offerId\":\"" + "x".repeat(70_000) + "\",\"units\":1,\"seconds\":3600}";
            Reply reply = call("POST", "/quotes", token, huge);
            assertProblem(reply, 413, "payload-too-large");
        }

        private Credentials operator() {
            return Credentials.create(OPERATOR_KEY);
        }
    }

    @Nested
    class Listings {
        private final Map<String, Object> gpuOffer = Map.ofEntries(Map.entry("title", "4x H100 box"), Map.entry("resourceType", "GPU"),
                Map.entry("region", "eu-west"), Map.entry("unit", "gpu"), Map.entry("pricePerHour", "2500000"),
                Map.entry("provisioner", "local-process"), Map.entry("templates", List.of("hold")), Map.entry("maxUnits", 4),
                Map.entry("maxHours", 72), Map.entry("sla", Map.of("availabilityBps", 9950, "maxStartMinutes", 15)),
                Map.entry("benchmarks", List.of(Map.of("kind", "HPL", "value", 51.25, "unit", "TFLOP/s", "measuredOn", "2026-10-01",
                        "evidenceUrl", "https://example.org/hpl.txt"))));

        private String provider(Credentials wallet, String operatorToken, String name) throws Exception {
            call("PUT", "/accounts/" + wallet.getAddress() + "/roles/PROVIDER", operatorToken, null);
            String token = signIn(wallet);
            assertThat(call("PUT", "/providers/me", token, Map.of("name", name)).status()).isEqualTo(200);
            return token;
        }

        @Test
        void aProviderListsAnOperatorCertifiesAndABuyerFindsAndOrdersIt() throws Exception {
            String operator = signIn(Credentials.create(OPERATOR_KEY));
            Credentials acmeWallet = newWallet();
            String acme = provider(acmeWallet, operator, "Acme GPUs");
            Reply listed = call("POST", "/offers", acme, gpuOffer);
            assertThat(listed.status()).as(listed.raw()).isEqualTo(201);
            String offerId = listed.body().path("offerId").asText();
            assertThat(listed.body().path("tier").asText()).isEqualTo("BASIC");
            assertThat(listed.body().path("benchmarks").get(0).path("value").decimalValue()).isEqualByComparingTo("51.25");

            Reply certified = call("PUT", "/providers/" + acmeWallet.getAddress() + "/certification", operator,
                    Map.of("monthlyOfferedValue", "12000000000", "evaluation", "racks audited; 99.95 % over 90 days"));
            assertThat(certified.body().path("certified").asBoolean()).isTrue();
            assertThat(call("GET", "/providers/" + acmeWallet.getAddress(), null, null).body().path("tier").asText()).isEqualTo("CERTIFIED");

            String buyer = signIn(newWallet());
            JsonNode found = call("GET", "/offers?resourceType=GPU&certified=true&benchmark=HPL&minBenchmark=50&sort=benchmark", null, null).body();
            assertThat(found).extracting(n -> n.path("offerId").asText()).containsExactly(offerId);
            assertThat(found.get(0).path("feeBps").asInt()).isEqualTo(300);
            assertThat(call("GET", "/offers?resourceType=CPU&maxPrice=1", null, null).body()).isEmpty();

            Reply quote = call("POST", "/quotes", buyer, Map.of("offerId", offerId, "units", 1, "seconds", 3600, "template", "hold"));
            assertThat(quote.body().path("feeBps").asInt()).isEqualTo(300);
            Map<String, Object> stepped = new java.util.HashMap<>(gpuOffer);
            stepped.put("priceSteps", List.of(Map.of("minHours", 24, "pricePerHour", "2000000")));
            assertThat(call("PUT", "/offers/" + offerId, acme, stepped).body().path("priceSteps").get(0).path("pricePerHour").asText())
                    .isEqualTo("2000000");
            assertThat(call("POST", "/quotes", buyer, Map.of("offerId", offerId, "units", 1, "seconds", 86_400, "template", "hold"))
                    .body().path("pricePerHour").asText()).as("a day reaches the step").isEqualTo("2000000");
            Reply order = call("POST", "/orders", buyer, Map.of("quoteId", quote.body().path("quoteId").asText()));
            assertThat(order.status()).isEqualTo(201);
            assertThat(order.body().path("escrowAmount").asText()).isEqualTo("3000000");
        }

        @Test
        void theWrongRoleAndTheWrongOwnerAreRefusedAndSuspensionTakesAnOfferOffSale() throws Exception {
            String operator = signIn(Credentials.create(OPERATOR_KEY));
            String acme = provider(newWallet(), operator, "Acme");
            String bolt = provider(newWallet(), operator, "Bolt");
            String user = signIn(newWallet());
            String offerId = call("POST", "/offers", acme, gpuOffer).body().path("offerId").asText();

            assertProblem(call("POST", "/offers", user, gpuOffer), 403, "forbidden");
            assertProblem(call("PUT", "/providers/me", user, Map.of("name", "x")), 403, "forbidden");
            assertProblem(call("PUT", "/offers/" + offerId, bolt, gpuOffer), 403, "forbidden");
            assertProblem(call("DELETE", "/offers/" + offerId, bolt, null), 403, "forbidden");
            assertProblem(call("PUT", "/offers/" + offerId + "/suspension", acme, Map.of("reason", "self")), 403, "forbidden");
            assertProblem(call("PUT", "/providers/0x" + "a1".repeat(20) + "/certification", acme,
                    Map.of("monthlyOfferedValue", "20000000000", "evaluation", "self")), 403, "forbidden");
            assertProblem(call("POST", "/offers", null, gpuOffer), 401, "unauthorized");
            assertThat(call("GET", "/providers/me/offers", bolt, null).body()).isEmpty();

            assertThat(call("PUT", "/offers/" + offerId + "/suspension", operator, Map.of("reason", "evidence under review"))
                    .body().path("status").asText()).isEqualTo("SUSPENDED");
            assertProblem(call("GET", "/offers/" + offerId, null, null), 404, "not-found");
            assertThat(call("GET", "/offers", null, null).body()).extracting(n -> n.path("offerId").asText()).doesNotContain(offerId);
            assertProblem(call("POST", "/quotes", user, Map.of("offerId", offerId, "units", 1, "seconds", 3600, "template", "hold")),
                    404, "not-found");
            assertThat(call("GET", "/providers/me/offers", acme, null).body().get(0).path("statusReason").asText())
                    .isEqualTo("evidence under review");
            call("DELETE", "/offers/" + offerId + "/suspension", operator, null);
            assertThat(call("GET", "/offers/" + offerId, null, null).status()).isEqualTo(200);
        }

        @Test
        void ordersRacingForTheLastUnitsGetThemExactlyOnceAndTheCapacityShownNeverGoesNegative() throws Exception {
            String operator = signIn(Credentials.create(OPERATOR_KEY));
            String acme = provider(newWallet(), operator, "Acme");
            Map<String, Object> limited = new java.util.HashMap<>(gpuOffer);
            limited.put("capacity", List.of(Map.of("start", clock.instant().minusSeconds(60).toString(),
                    "end", clock.instant().plusSeconds(86_400).toString(), "unitHours", 3)));
            JsonNode listed = call("POST", "/offers", acme, limited).body();
            String offerId = listed.path("offerId").asText();
            assertThat(listed.path("capacity").get(0).path("availableUnitSeconds").asLong()).isEqualTo(3 * 3_600);

            List<String[]> buyers = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String token = signIn(newWallet());
                String quoteId = call("POST", "/quotes", token, Map.of("offerId", offerId, "units", 1, "seconds", 3600, "template", "hold"))
                        .body().path("quoteId").asText();
                buyers.add(new String[]{token, quoteId});
            }
            List<java.util.concurrent.Callable<Reply>> racing = buyers.stream()
                    .<java.util.concurrent.Callable<Reply>>map(b -> () -> call("POST", "/orders", b[0], Map.of("quoteId", b[1]))).toList();
            List<Reply> replies = new java.util.ArrayList<>();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(10)) {
                for (var future : pool.invokeAll(racing)) replies.add(future.get());
            }
            assertThat(replies).filteredOn(r -> r.status() == 201).hasSize(3);
            assertThat(replies).filteredOn(r -> r.status() != 201).hasSize(7)
                    .allSatisfy(r -> assertProblem(r, 409, "capacity-exhausted"));
            JsonNode shown = call("GET", "/offers/" + offerId, null, null).body().path("capacity").get(0);
            assertThat(shown.path("availableUnitSeconds").asLong()).isZero();
            assertThat(shown.path("totalUnitSeconds").asLong()).isEqualTo(3 * 3_600);
        }

        @Test
        void badListingsAndBadFiltersAreRefused() throws Exception {
            String operator = signIn(Credentials.create(OPERATOR_KEY));
            String acme = provider(newWallet(), operator, "Acme");
            for (var bad : List.of(Map.entry("resourceType", (Object) "QUANTUM"), Map.entry("pricePerHour", "0"),
                    Map.entry("pricePerHour", "-5"), Map.entry("provisioner", "aws-ec2"), Map.entry("maxUnits", 0),
                    Map.entry("sla", Map.of("availabilityBps", 12000, "maxStartMinutes", 15)),
                    Map.entry("benchmarks", List.of(Map.of("kind", "HPL", "value", 1, "unit", "x", "measuredOn", "2026-10-01",
                            "evidenceUrl", "http://insecure"))))) {
                Map<String, Object> body = new java.util.HashMap<>(gpuOffer);
                body.put(bad.getKey(), bad.getValue());
                assertProblem(call("POST", "/offers", acme, body), 400, "invalid-request");
            }
            assertProblem(call("GET", "/offers?resourceType=QUANTUM", null, null), 400, "invalid-request");
            assertProblem(call("GET", "/offers?sort=benchmark", null, null), 400, "invalid-request");
            assertProblem(call("GET", "/offers?minPrice=abc", null, null), 400, "invalid-request");
        }
    }

    @Nested
    class OperatorViews {
        @Test
        void operatorsSeeEveryUsersOrdersAndSettlementsAndNobodyElseDoes() throws Exception {
            String operator = signIn(Credentials.create(OPERATOR_KEY));
            String alice = signIn(newWallet());
            String bob = signIn(newWallet());
            String aliceOrder = order(alice).path("orderId").asText();
            String bobOrder = order(bob).path("orderId").asText();
            JsonNode quoted = call("GET", "/operator/orders?state=QUOTED", operator, null).body();
            assertThat(quoted).extracting(n -> n.path("orderId").asText()).contains(aliceOrder, bobOrder);
            assertThat(call("GET", "/operator/settlements?status=SUBMITTED", operator, null).status()).isEqualTo(200);

            for (String token : new String[]{alice, bob}) {
                assertProblem(call("GET", "/operator/orders?state=QUOTED", token, null), 403, "forbidden");
                assertProblem(call("GET", "/operator/settlements?status=CONFIRMED", token, null), 403, "forbidden");
            }
            assertProblem(call("GET", "/operator/orders?state=LOST", operator, null), 400, "invalid-request");
            assertProblem(call("GET", "/operator/orders", operator, null), 400, "invalid-request");
        }
    }

    @Nested
    class Pricing {
        /** application.yml's {@code cyberplaza.api.keep-reads}. */
        private static final Duration KEEP_READS = Duration.ofSeconds(5);
        private static final PriceKey LOCAL_VCPU = new PriceKey(PriceUnit.VCPU_HOUR, "local", "");

        /** Published by the pricing job (another container): the API reads it once what it kept of the last round is old. */
        private void publish(PriceKey key, long microUsd) {
            prices.publish(List.of(new PriceAggregator.Price(key, microUsd, 2, List.of("providers", "aws-pricing"))), clock.instant());
            clock.advance(KEEP_READS);
        }

        @Test
        void offersShowTheirMarketAndQuotesKeepTheSnapshotTheyWereMadeAgainst() throws Exception {
            clock.advance(Duration.ofSeconds(1));
            publish(Peg.KEY, 999_870);
            publish(LOCAL_VCPU, 9_500_000);

            JsonNode offer = call("GET", "/offers/local-cpu", null, null).body();
            assertThat(offer.path("market").path("key").asText()).isEqualTo("vcpu_hour/local");
            assertThat(offer.path("market").path("pricePerHour").asText()).isEqualTo("9500000");
            assertThat(offer.path("market").path("sources").asInt()).isEqualTo(2);
            assertThat(offer.path("pricePerHourNow").asText()).isEqualTo("10000000");

            String token = signIn(newWallet());
            Reply quote = call("POST", "/quotes", token, Map.of("offerId", "local-cpu", "units", 1, "seconds", 3600,
                    "template", "prime-sieve", "parameters", Map.of("limit", "1000")));
            assertThat(quote.status()).as(quote.raw()).isEqualTo(201);
            JsonNode snapshot = quote.body().path("priceSnapshot");
            assertThat(snapshot.path("key").asText()).isEqualTo("vcpu_hour/local");
            assertThat(snapshot.path("marketPricePerHour").asText()).isEqualTo("9500000");
            assertThat(snapshot.path("usdPerUsdc").asText()).isEqualTo("999870");
            assertThat(quotes.find(quote.body().path("quoteId").asText()).orElseThrow().priceSnapshot().marketMicroUsd()).isEqualTo(9_500_000L);
        }

        @Test
        void quotingPausesOffThePegWithAProblemAndResumesOnIt() throws Exception {
            String token = signIn(newWallet());
            Map<String, Object> body = Map.of("offerId", "local-cpu", "units", 1, "seconds", 3600, "template", "prime-sieve");
            clock.advance(Duration.ofSeconds(1));
            publish(Peg.KEY, 993_000);
            Reply paused = call("POST", "/quotes", token, body, Map.of("Idempotency-Key", "during-the-de-peg"));
            assertProblem(paused, 503, "quoting-paused");
            assertThat(paused.body().path("detail").asText()).contains("993000");

            clock.advance(Duration.ofSeconds(1));
            publish(Peg.KEY, 1_000_100);
            Reply resumed = call("POST", "/quotes", token, body, Map.of("Idempotency-Key", "during-the-de-peg"));
            assertThat(resumed.status()).as("a refused request's key may be used again: " + resumed.raw()).isEqualTo(201);
        }

        @Test
        void noQuoteNorOrderWhileUsdcIsPausedOrTheEscrowBlacklisted() throws Exception {
            String token = signIn(newWallet());
            Map<String, Object> body = Map.of("offerId", "local-cpu", "units", 1, "seconds", 3600, "template", "prime-sieve");
            Reply quote = call("POST", "/quotes", token, body);
            assertThat(quote.status()).as(quote.raw()).isEqualTo(201);
            try {
                tokenState.set(true, false);
                Reply paused = call("POST", "/quotes", token, body);
                assertProblem(paused, 503, "quoting-paused");
                assertThat(paused.body().path("detail").asText()).contains("paused by its issuer");
                Reply order = call("POST", "/orders", token, Map.of("quoteId", quote.body().path("quoteId").asText()));
                assertProblem(order, 503, "quoting-paused");
                assertThat(orders.find(io.cyberplaza.core.order.OrderIdentity.fromQuote(quote.body().path("quoteId").asText())))
                        .as("no order row for a refused order").isEmpty();

                tokenState.set(false, true);
                assertThat(call("POST", "/quotes", token, body).body().path("detail").asText()).contains("blacklisted the escrow");
            } finally {
                tokenState.set(false, false);
            }
            assertThat(call("POST", "/orders", token, Map.of("quoteId", quote.body().path("quoteId").asText())).status()).isEqualTo(201);
        }

        @Test
        void operatorsReadTheLatestPricingRoundWithItsRejections() throws Exception {
            String operator = signIn(Credentials.create(OPERATOR_KEY));
            rounds.record(new PricingRounds.RoundRecord(clock.instant(), 3, 2, List.of("alibaba-price"), 0, 0, 2, List.of(
                    new Rejection("azure-retail", "meter-7", LOCAL_VCPU, Rejection.Reason.WRONG_CURRENCY, "41000 EUR"),
                    new Rejection("alibaba-price", null, null, Rejection.Reason.SOURCE_FAILED, "Throttling.User"))));

            JsonNode round = call("GET", "/operator/pricing/rounds/latest", operator, null).body();
            assertThat(round.path("sourcesFailed").get(0).asText()).isEqualTo("alibaba-price");
            assertThat(round.path("rejectionsTotal").asInt()).isEqualTo(2);
            assertThat(round.path("rejections").get(0).path("reason").asText()).isEqualTo("WRONG_CURRENCY");
            assertThat(round.path("rejections").get(0).path("key").asText()).isEqualTo("vcpu_hour/local");
            assertThat(round.path("rejections").get(1).path("key").isNull()).isTrue();
            assertProblem(call("GET", "/operator/pricing/rounds/latest", signIn(newWallet()), null), 403, "forbidden");
        }
    }
}
