package io.cyberplaza.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.cyberplaza.api.InMemoryPorts;
import io.cyberplaza.core.contract.OrderRepositoryContract;
import io.cyberplaza.core.fakes.InMemoryInstanceRepository;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.order.EndReason;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.order.Usage;
import io.cyberplaza.core.vendor.Instance;
import io.cyberplaza.provisioner.ResourceStatus;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vendor-webhook routes over the real HTTP server with the ports in memory, fed the vendors'
 * callback samples from events/: valid callbacks change the instance and the order's usage clock;
 * forged, replayed and malformed ones are refused with nothing changed.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VendorWebhookTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("..", "..", "events");
    private static final String AUDIENCE = "https://webhooks.cyberplaza.test/webhooks/gcp";
    private static final String PUSH_ACCOUNT = "pubsub-push@cyberplaza-prod.iam.gserviceaccount.com";

    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer googleKeys;
    private RSAKey signingKey;

    @Inject
    EmbeddedServer server;
    @Inject
    OrderRepository orders;
    @Inject
    InMemoryInstanceRepository instances;
    @Inject
    MutableClock clock;
    @Inject
    io.cyberplaza.core.groupbuy.GroupBuyStore groupBuys;

    @Override
    public Map<String, String> getProperties() {
        try {
            signingKey = new RSAKeyGenerator(2048).keyID("google-test-key").generate();
            googleKeys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] jwks = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            googleKeys.createContext("/oauth2/v3/certs", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            googleKeys.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("cyberplaza.webhooks.gcp.jwks-url", "http://127.0.0.1:" + googleKeys.getAddress().getPort() + "/oauth2/v3/certs",
                "cyberplaza.webhooks.gcp.audience", AUDIENCE,
                "cyberplaza.webhooks.gcp.service-account", PUSH_ACCOUNT);
    }

    @AfterAll
    void stopGoogleKeys() {
        if (googleKeys != null) googleKeys.stop(0);
    }

    record Reply(int status, String contentType, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
    }

    private Reply send(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse("");
        return new Reply(response.statusCode(), type, type.contains("json") && !response.body().isEmpty() ? JSON.readTree(response.body()) : null,
                response.body(), response.headers());
    }

    private static void assertProblem(Reply reply, int status, String slug) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().path("type").asText()).as(reply.raw()).isEqualTo("https://cyberplaza.io/problems/" + slug);
        assertThat(reply.raw()).doesNotContain("Exception", "at io.", InMemoryPorts.WEBHOOK_KEY);
    }

    private static JsonNode sample(String name) throws Exception {
        return JSON.readTree(Files.readString(EVENTS.resolve(name)));
    }

    /** A running order on {@code resourceId}, launched (pending) a minute ago: what the provision function leaves. */
    private Order runningOn(String vendor, String resourceId) {
        Instant launched = clock.instant().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        Order quoted = Order.quoted(OrderRepositoryContract.randomOrderId(), "0x00000000000000000000000000000000000000a1",
                OrderRepositoryContract.TERMS, OrderRepositoryContract.WORKLOAD, 12_000_000L, launched, launched.plus(Duration.ofMinutes(30)));
        orders.create(quoted);
        Order running = quoted.withDeposited(12_000_000L, launched).moveTo(OrderState.FUNDED, launched)
                .moveTo(OrderState.PROVISIONING, launched).moveTo(OrderState.RUNNING, launched).withResource(resourceId, launched)
                .withUsage(Usage.running(launched), launched).asNextVersionOf(quoted);
        assertThat(orders.replace(quoted, running)).isTrue();
        instances.recordLaunch(Instance.launched(resourceId, vendor, running.orderId(), ResourceStatus.PENDING, launched));
        return running;
    }

    private Order stored(Order order) {
        return orders.find(order.orderId()).orElseThrow();
    }

    private static String newInstanceId() {
        return "i-" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
    }

    @Nested
    class CouponDeliveries {
        /** A campaign of {@code vendor}'s that succeeded and awaits the vendor's codes for purchase {@code purchaseRef}. */
        private String awaitingDelivery(String vendor, String purchaseRef) {
            String campaignId = "cmp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
            var campaign = io.cyberplaza.core.groupbuy.Campaign.open(campaignId, "$100 credit", io.cyberplaza.core.groupbuy.Campaign.CampaignKind.COUPON_BUNDLE,
                    vendor, "$100 credit", java.util.List.of(new io.cyberplaza.core.groupbuy.PriceTier(1, 90_000_000)), 1, 10, 5,
                    clock.instant().plus(Duration.ofHours(1)), new io.cyberplaza.core.groupbuy.Campaign.Supply(
                            io.cyberplaza.core.groupbuy.CouponSource.WEBHOOK, "0x" + "9e".repeat(20), 60_000_000, 100_000_000, "USDC"));
            groupBuys.createCampaign(campaign);
            var succeeded = campaign.withPledged(2).closed().withPurchase(purchaseRef);
            assertThat(groupBuys.replaceCampaign(campaign, succeeded)).isTrue();
            return campaignId;
        }

        private Reply deliver(String campaignId, String purchaseRef, String key) throws Exception {
            String body = JSON.writeValueAsString(Map.of("campaignId", campaignId, "purchaseRef", purchaseRef, "codes", java.util.List.of(
                    Map.of("code", "CODE-" + UUID.randomUUID(), "expiresAt", clock.instant().plus(Duration.ofDays(90)).toString()))));
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            String signature = "t=" + timestamp + ",v1=" + java.util.HexFormat.of().formatHex(
                    CouponWebhookController.hmac(key, timestamp, body.getBytes(StandardCharsets.UTF_8)));
            return send("POST", "/webhooks/coupons", body, Map.of(CouponWebhookController.SIGNATURE_HEADER, signature));
        }

        @Test
        void eachVendorSignsWithItsOwnKeyAndNoneCanDeliverForAnother() throws Exception {
            String acme = awaitingDelivery("acme-gpu", "po-acme");
            String bolt = awaitingDelivery("bolt-cloud", "po-bolt");
            String nobody = awaitingDelivery("zed-compute", "po-zed");

            Reply acmes = deliver(acme, "po-acme", InMemoryPorts.WEBHOOK_KEY);
            assertThat(acmes.status()).as(acmes.raw()).isEqualTo(200);
            assertThat(acmes.body().path("added").asInt()).isEqualTo(1);
            Reply bolts = deliver(bolt, "po-bolt", InMemoryPorts.OTHER_VENDOR_KEY);
            assertThat(bolts.status()).as(bolts.raw()).isEqualTo(200);
            assertThat(bolts.body().path("added").asInt()).isEqualTo(1);
            assertProblem(deliver(bolt, "po-bolt", InMemoryPorts.WEBHOOK_KEY), 401, "webhook-unauthenticated");
            assertProblem(deliver(acme, "po-acme", InMemoryPorts.OTHER_VENDOR_KEY), 401, "webhook-unauthenticated");
            Reply keyless = deliver(nobody, "po-zed", InMemoryPorts.WEBHOOK_KEY);
            assertProblem(keyless, 401, "webhook-unauthenticated");
            Reply unknown = deliver("cmp_" + "0".repeat(20), "po-zed", InMemoryPorts.WEBHOOK_KEY);
            Reply malformed = deliver("", "po-zed", InMemoryPorts.WEBHOOK_KEY);
            for (Reply refused : java.util.List.of(unknown, malformed)) assertProblem(refused, 401, "webhook-unauthenticated");
            assertThat(java.util.List.of(unknown.body().path("detail").asText(), malformed.body().path("detail").asText()))
                    .as("an unsigned caller learns nothing of campaigns or vendors")
                    .containsOnly(keyless.body().path("detail").asText());
            assertThat(groupBuys.coupons(bolt)).as("nothing of a refused delivery is kept").hasSize(1);
            assertThat(groupBuys.coupons(nobody)).isEmpty();
        }
    }

    @Nested
    class Aws {
        private ObjectNode stateChange(String instanceId, String state, Instant at) throws Exception {
            ObjectNode event = (ObjectNode) sample("webhook-aws-ec2-state-change.json");
            event.put("id", UUID.randomUUID().toString()).put("time", at.toString());
            event.putArray("resources").add("arn:aws:ec2:us-east-1:123456789012:instance/" + instanceId);
            ((ObjectNode) event.get("detail")).put("instance-id", instanceId).put("state", state);
            return event;
        }

        private Reply post(JsonNode event, String key) throws Exception {
            return send("POST", "/webhooks/aws", event.toString(), key == null ? Map.of() : Map.of("X-CyberPlaza-Webhook-Key", key));
        }

        @Test
        void runningStartsTheUsageClockAtTheVendorsMomentOnceHoweverOftenItIsDelivered() throws Exception {
            String instanceId = newInstanceId();
            Order order = runningOn("aws-ec2", "us-east-1/" + instanceId);
            Instant running = clock.instant().minusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
            JsonNode event = stateChange(instanceId, "running", running);

            Reply first = post(event, InMemoryPorts.WEBHOOK_KEY);
            assertThat(first.status()).as(first.raw()).isEqualTo(200);
            assertThat(first.body().path("applied").asInt()).isEqualTo(1);
            Instance instance = instances.find("us-east-1/" + instanceId).orElseThrow();
            assertThat(instance.status()).isEqualTo(ResourceStatus.RUNNING);
            assertThat(instance.runningSince()).isEqualTo(running);
            assertThat(stored(order).usage().startedAt()).isEqualTo(running);

            Reply again = post(event, InMemoryPorts.WEBHOOK_KEY);
            assertThat(again.status()).isEqualTo(200);
            assertThat(instances.find("us-east-1/" + instanceId)).contains(instance);
            assertThat(stored(order).version()).isEqualTo(order.version() + 1);
        }

        @Test
        void aMachineTheVendorTookAwayEndsItsOrderAtTheVendorsMoment() throws Exception {
            String instanceId = newInstanceId();
            Order order = runningOn("aws-ec2", "us-east-1/" + instanceId);
            Instant gone = clock.instant().minusSeconds(15).truncatedTo(ChronoUnit.SECONDS);

            assertThat(post(stateChange(instanceId, "terminated", gone), InMemoryPorts.WEBHOOK_KEY).status()).isEqualTo(200);

            Order ended = stored(order);
            assertThat(ended.state()).isEqualTo(OrderState.SETTLING);
            assertThat(ended.usage().endReason()).isEqualTo(EndReason.RESOURCE_GONE);
            assertThat(ended.usage().endedAt()).isEqualTo(gone);
            assertThat(instances.find("us-east-1/" + instanceId).orElseThrow().status()).isEqualTo(ResourceStatus.TERMINATED);
        }

        @Test
        void anOlderChangeArrivingLateDoesNotTakeTheRecordBack() throws Exception {
            String instanceId = newInstanceId();
            runningOn("aws-ec2", "us-east-1/" + instanceId);
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            post(stateChange(instanceId, "running", now.minusSeconds(10)), InMemoryPorts.WEBHOOK_KEY);
            post(stateChange(instanceId, "pending", now.minusSeconds(30)), InMemoryPorts.WEBHOOK_KEY);

            assertThat(instances.find("us-east-1/" + instanceId).orElseThrow().status()).isEqualTo(ResourceStatus.RUNNING);
        }

        @Test
        void forgedReplayedAndMalformedCallbacksAreRefusedWithNothingChanged() throws Exception {
            String instanceId = newInstanceId();
            Order order = runningOn("aws-ec2", "us-east-1/" + instanceId);
            Instance before = instances.find("us-east-1/" + instanceId).orElseThrow();
            ObjectNode valid = stateChange(instanceId, "terminated", clock.instant().minusSeconds(5));

            assertProblem(post(valid, null), 401, "webhook-unauthenticated");
            assertProblem(post(valid, "wrong-key"), 401, "webhook-unauthenticated");
            assertProblem(post(valid, InMemoryPorts.WEBHOOK_KEY + "x"), 401, "webhook-unauthenticated");
            assertProblem(post(stateChange(instanceId, "terminated", clock.instant().minus(Duration.ofHours(3))),
                    InMemoryPorts.WEBHOOK_KEY), 400, "webhook-replayed");
            assertProblem(post(stateChange(instanceId, "terminated", clock.instant().plus(Duration.ofHours(1))),
                    InMemoryPorts.WEBHOOK_KEY), 400, "webhook-replayed");
            assertProblem(send("POST", "/webhooks/aws", "{not json", Map.of("X-CyberPlaza-Webhook-Key", InMemoryPorts.WEBHOOK_KEY)),
                    400, "invalid-request");
            assertProblem(post(valid.deepCopy().put("detail-type", "AWS API Call via CloudTrail"), InMemoryPorts.WEBHOOK_KEY),
                    400, "invalid-request");
            ObjectNode badState = valid.deepCopy();
            ((ObjectNode) badState.get("detail")).put("state", "exploded");
            assertProblem(post(badState, InMemoryPorts.WEBHOOK_KEY), 400, "invalid-request");
            ObjectNode noTime = valid.deepCopy();
            noTime.put("time", "yesterday");
            assertProblem(post(noTime, InMemoryPorts.WEBHOOK_KEY), 400, "invalid-request");

            assertThat(instances.find("us-east-1/" + instanceId)).contains(before);
            assertThat(stored(order)).isEqualTo(order);
        }

        @Test
        void withoutTheKeyNothingIsLearntOfTheFormatAndNoHandshakeIsAnswered() throws Exception {
            assertProblem(send("POST", "/webhooks/aws", "{not json", Map.of()), 401, "webhook-unauthenticated");
            assertProblem(send("POST", "/webhooks/aws", "{\"source\":\"aws.ec2\"}", Map.of("X-CyberPlaza-Webhook-Key", "guess")),
                    401, "webhook-unauthenticated");
            assertProblem(send("OPTIONS", "/webhooks/aws", null, Map.of("WebHook-Request-Origin", "eventgrid.azure.net")), 404, "not-found");
            assertProblem(send("POST", "/webhooks/made-up", "{}", Map.of("X-CyberPlaza-Webhook-Key", InMemoryPorts.WEBHOOK_KEY)),
                    404, "not-found");
        }

        @Test
        void aResourceThePlatformDidNotLaunchIsAcknowledgedAndIgnored() throws Exception {
            String stranger = newInstanceId();
            Reply reply = post(stateChange(stranger, "running", clock.instant()), InMemoryPorts.WEBHOOK_KEY);

            assertThat(reply.status()).isEqualTo(202);
            assertThat(reply.body().path("outcome").asText()).isEqualTo("ignored");
            assertThat(instances.find("us-east-1/" + stranger)).isEmpty();
        }
    }

    @Nested
    class Azure {
        private static final String VM_PREFIX = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/cyberplaza-compute"
                + "/providers/Microsoft.Compute/virtualMachines/";

        private ArrayNode write(String vm, String eventType, Instant at) throws Exception {
            ArrayNode events = (ArrayNode) sample("webhook-azure-vm-write.json");
            ObjectNode event = (ObjectNode) events.get(0);
            event.put("id", UUID.randomUUID().toString()).put("subject", VM_PREFIX + vm).put("eventType", eventType)
                    .put("eventTime", at.toString());
            ((ObjectNode) event.get("data")).put("resourceUri", VM_PREFIX + vm);
            return events;
        }

        @Test
        void theSubscriptionValidationHandshakeIsAnsweredWithItsCode() throws Exception {
            Reply reply = send("POST", "/webhooks/azure", sample("webhook-azure-subscription-validation.json").toString(), Map.of());

            assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
            assertThat(reply.body().path("validationResponse").asText()).isEqualTo("512d38b6-c7b8-40c8-89fe-f46f9e9622b6");
        }

        @Test
        void theCloudEventsHandshakeAllowsTheOrigin() throws Exception {
            Reply reply = send("OPTIONS", "/webhooks/azure", null, Map.of("WebHook-Request-Origin", "eventgrid.azure.net"));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.headers().firstValue("WebHook-Allowed-Origin")).contains("eventgrid.azure.net");
            assertProblem(send("OPTIONS", "/webhooks/azure", null, Map.of()), 400, "invalid-request");
        }

        @Test
        void vmWritesAndDeletesMoveTheInstanceAndDeleteEndsTheOrder() throws Exception {
            String vm = "cp-order-" + UUID.randomUUID().toString().replace("-", "");
            Order order = runningOn("azure-compute", (VM_PREFIX + vm).toLowerCase());
            Instant written = clock.instant().minusSeconds(40).truncatedTo(ChronoUnit.SECONDS);

            Reply write = send("POST", "/webhooks/azure", write(vm, "Microsoft.Resources.ResourceWriteSuccess", written).toString(),
                    Map.of("X-CyberPlaza-Webhook-Key", InMemoryPorts.WEBHOOK_KEY));
            assertThat(write.status()).as(write.raw()).isEqualTo(200);
            assertThat(stored(order).usage().startedAt()).isEqualTo(written);

            // The same change delivered as a CloudEvent (the other schema a subscription may use).
            ObjectNode cloudEvent = JSON.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                    .put("type", "Microsoft.Resources.ResourceDeleteSuccess").put("source", "/subscriptions/00000000-0000-0000-0000-000000000000")
                    .put("subject", VM_PREFIX + vm).put("time", clock.instant().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS).toString());
            cloudEvent.putObject("data").put("operationName", "Microsoft.Compute/virtualMachines/delete");
            Reply delete = send("POST", "/webhooks/azure", cloudEvent.toString(), Map.of("X-CyberPlaza-Webhook-Key", InMemoryPorts.WEBHOOK_KEY,
                    "Content-Type", "application/cloudevents+json; charset=utf-8"));
            assertThat(delete.status()).as(delete.raw()).isEqualTo(200);
            assertThat(stored(order).state()).isEqualTo(OrderState.SETTLING);
            assertThat(instances.find((VM_PREFIX + vm).toLowerCase()).orElseThrow().status()).isEqualTo(ResourceStatus.TERMINATED);
        }

        @Test
        void eventsWithoutTheSubscriptionsSecretOrOutOfTheirWindowChangeNothing() throws Exception {
            String vm = "cp-order-" + UUID.randomUUID().toString().replace("-", "");
            Order order = runningOn("azure-compute", (VM_PREFIX + vm).toLowerCase());
            String delete = write(vm, "Microsoft.Resources.ResourceDeleteSuccess", clock.instant()).toString();

            assertProblem(send("POST", "/webhooks/azure", delete, Map.of()), 401, "webhook-unauthenticated");
            assertProblem(send("POST", "/webhooks/azure", delete, Map.of("X-CyberPlaza-Webhook-Key", "guess")), 401, "webhook-unauthenticated");
            assertProblem(send("POST", "/webhooks/azure", write(vm, "Microsoft.Resources.ResourceDeleteSuccess",
                    clock.instant().minus(Duration.ofDays(1))).toString(), Map.of("X-CyberPlaza-Webhook-Key", InMemoryPorts.WEBHOOK_KEY)),
                    400, "webhook-replayed");
            assertProblem(send("POST", "/webhooks/azure", "[42]", Map.of("X-CyberPlaza-Webhook-Key", InMemoryPorts.WEBHOOK_KEY)),
                    400, "invalid-request");
            assertThat(stored(order)).isEqualTo(order);
        }
    }

    @Nested
    class Gcp {
        private static final String INSTANCE_PREFIX = "projects/cyberplaza-prod/zones/us-central1-a/instances/";

        private String push(String instance, String method, Instant at) throws Exception {
            ObjectNode push = (ObjectNode) sample("webhook-gcp-pubsub-push.json");
            ObjectNode message = (ObjectNode) push.get("message");
            ObjectNode entry = (ObjectNode) JSON.readTree(Base64.getDecoder().decode(message.get("data").asText()));
            ((ObjectNode) entry.get("protoPayload")).put("resourceName", INSTANCE_PREFIX + instance).put("methodName", method);
            entry.put("timestamp", at.toString());
            message.put("data", Base64.getEncoder().encodeToString(entry.toString().getBytes(StandardCharsets.UTF_8)))
                    .put("messageId", UUID.randomUUID().toString()).put("publishTime", at.plusSeconds(1).toString());
            return push.toString();
        }

        private String token(RSAKey key, String audience, String email, Object emailVerified, Instant expires) throws Exception {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://accounts.google.com").audience(audience)
                    .claim("email", email).claim("email_verified", emailVerified).subject("1134567890")
                    .issueTime(Date.from(expires.minus(Duration.ofHours(1)))).expirationTime(Date.from(expires)).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return "Bearer " + jwt.serialize();
        }

        private String validToken() throws Exception {
            return token(signingKey, AUDIENCE, PUSH_ACCOUNT, true, Instant.now().plus(Duration.ofMinutes(30)));
        }

        @Test
        void aStopPushedWithGooglesTokenEndsTheOrder() throws Exception {
            String instance = "cp-order-" + UUID.randomUUID().toString().replace("-", "");
            Order order = runningOn("gcp-compute", INSTANCE_PREFIX + instance);
            Instant stopped = clock.instant().minusSeconds(8).truncatedTo(ChronoUnit.SECONDS);

            Reply reply = send("POST", "/webhooks/gcp", push(instance, "v1.compute.instances.stop", stopped), Map.of("Authorization", validToken()));

            assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
            assertThat(stored(order).state()).isEqualTo(OrderState.SETTLING);
            assertThat(stored(order).usage().endedAt()).isEqualTo(stopped);
        }

        @Test
        void pushesWithoutAValidGoogleTokenChangeNothing() throws Exception {
            String instance = "cp-order-" + UUID.randomUUID().toString().replace("-", "");
            Order order = runningOn("gcp-compute", INSTANCE_PREFIX + instance);
            String body = push(instance, "v1.compute.instances.delete", clock.instant());
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("google-test-key").generate();
            Instant later = Instant.now().plus(Duration.ofMinutes(30));

            for (String authorization : new String[]{
                    "",
                    "Bearer not-a-jwt",
                    token(stranger, AUDIENCE, PUSH_ACCOUNT, true, later),
                    token(signingKey, "https://elsewhere.example/push", PUSH_ACCOUNT, true, later),
                    token(signingKey, AUDIENCE, "someone@attacker.iam.gserviceaccount.com", true, later),
                    token(signingKey, AUDIENCE, PUSH_ACCOUNT, false, later),
                    token(signingKey, AUDIENCE, PUSH_ACCOUNT, true, Instant.now().minus(Duration.ofMinutes(10)))}) {
                Reply reply = send("POST", "/webhooks/gcp", body, authorization.isEmpty() ? Map.of() : Map.of("Authorization", authorization));
                assertProblem(reply, 401, "webhook-unauthenticated");
            }
            assertProblem(send("POST", "/webhooks/gcp", push(instance, "v1.compute.instances.delete", clock.instant().minus(Duration.ofHours(2))),
                    Map.of("Authorization", validToken())), 400, "webhook-replayed");
            assertProblem(send("POST", "/webhooks/gcp", "{\"message\":{\"messageId\":\"1\",\"publishTime\":\"" + clock.instant()
                    + "\",\"data\":\"!!!\"}}", Map.of("Authorization", validToken())), 400, "invalid-request");
            assertThat(stored(order)).isEqualTo(order);
        }
    }
}
