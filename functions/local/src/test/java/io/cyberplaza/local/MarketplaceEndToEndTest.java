package io.cyberplaza.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.provisioner.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Whole orders through the AWS handlers, against a real Hardhat node, DynamoDB Local and ElasticMQ,
 * with every trigger delivered by the test: schedules from the events/ samples, queue batches the
 * way the event source mapping delivers them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarketplaceEndToEndTest {
    private static final long USDC = 1_000_000L;
    private LocalMarketplace stack;
    private ScheduledEvent watcherEvent;
    private ScheduledEvent meterEvent;

    @BeforeAll
    void start() throws Exception {
        Path root = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).getParent();
        Path state = Files.createTempDirectory("cyberplaza-e2e");
        stack = LeakWatch.watch(LocalMarketplace.start(root, state, new LocalMarketplace.Options(false, Map.of(
                "cyberplaza.orders.funding-window", "6s",
                "cyberplaza.orders.confirmation-grace", "0s"))));
        watcherEvent = sample(root, "scheduled-escrow-watcher.json");
        meterEvent = sample(root, "scheduled-meter.json");
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    private static ScheduledEvent sample(Path root, String file) throws Exception {
        return LambdaEventSerializers.serializerFor(ScheduledEvent.class, MarketplaceEndToEndTest.class.getClassLoader())
                .fromJson(Files.readString(root.resolve("events").resolve(file)));
    }

    /** Buries the latest blocks under the confirmations, then runs the escrow watcher. */
    private void confirmAndWatch() throws Exception {
        stack.node().rpc("hardhat_mine", "0x3");
        stack.watcher().execute(watcherEvent);
    }

    private JsonNode await(BuyerClient buyer, String orderId, String state) throws Exception {
        return eventually(() -> {
            JsonNode order = buyer.get(orderId);
            return order.path("state").asText().equals(state) ? order : null;
        }, "order " + orderId + " to be " + state);
    }

    private static <T> T eventually(Callable<T> probe, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.call();
            if (value != null) return value;
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** Runs the settle queue, then confirms and ingests the settlement. */
    private JsonNode settle(BuyerClient buyer, String orderId) throws Exception {
        stack.deliver(WorkQueue.Topic.SETTLE);
        confirmAndWatch();
        return await(buyer, orderId, "SETTLED");
    }

    private void assertChainMatches(BuyerClient buyer, String orderId, JsonNode settlement) throws Exception {
        ComputeEscrow escrow = buyer.escrow();
        byte[] id = OrderIds.toBytes32(orderId);
        long deposit = settlement.path("deposit").asLong();
        long provider = settlement.path("providerPayout").asLong();
        long fee = settlement.path("fee").asLong();
        long refund = settlement.path("refund").asLong();
        assertThat(provider + fee + refund).isEqualTo(deposit);
        // Settled: the order's slot holds the provider's payout and nothing of the buyer's.
        assertThat(escrow.orderOf(buyer.address, id).send().amount.longValueExact()).isEqualTo(provider);
        assertThat(escrow.refundOf(buyer.address).send().longValueExact()).isEqualTo(refund);
    }

    @Test
    void aPaidOrderRunsAndSettlesOnChainWithTheReportedFigures() throws Exception {
        BuyerClient buyer = LeakWatch.watch(new BuyerClient(stack.info(), stack.node().web3j(), 50 * USDC));
        JsonNode order = buyer.order(600, "prime-sieve", Map.of("limit", "2000000", "rounds", "400"));
        String orderId = order.path("orderId").asText();
        buyer.payWithPermit(order);
        confirmAndWatch();
        assertThat(buyer.get(orderId).path("state").asText()).isEqualTo("FUNDED");

        assertThat(stack.deliver(WorkQueue.Topic.PROVISION)).isEqualTo(1);
        assertThat(buyer.get(orderId).path("state").asText()).isEqualTo("RUNNING");
        BuyerClient.Reply result = eventually(() -> {
            BuyerClient.Reply reply = buyer.call("GET", "/orders/" + orderId + "/result", null);
            return reply.status() == 200 ? reply : null;
        }, "the result");
        assertThat(result.status()).isEqualTo(200);

        assertThat(buyer.call("POST", "/orders/" + orderId + "/complete", null).body().path("state").asText()).isEqualTo("SETTLING");
        JsonNode settled = settle(buyer, orderId);
        JsonNode settlement = settled.path("settlement");
        assertThat(settlement.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(settlement.path("deposit").asLong()).isEqualTo(order.path("escrowAmount").asLong());
        assertThat(settlement.path("providerPayout").asLong()).isPositive();
        assertThat(settlement.path("fee").asLong()).isPositive();
        assertChainMatches(buyer, orderId, settlement);

        // Measured as it went: the local runner's Prometheus text.
        var metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(stack.info().api() + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("cyberplaza_orders_entered_total{state=\"SETTLED\"}")
                .contains("cyberplaza_orders_entered_total{state=\"RUNNING\"}")
                .containsPattern("cyberplaza_settlement_latency_seconds_count [1-9]");

        BuyerClient stranger = LeakWatch.watch(new BuyerClient(stack.info(), stack.node().web3j(), USDC));
        assertThat(stranger.call("GET", "/orders/" + orderId, null).status()).isEqualTo(404);
        assertThat(stranger.call("GET", "/orders/" + orderId + "/result", null).status()).isEqualTo(404);
    }

    @Test
    void aResourceThatDiesInItsFirstMinutesIsRefundedInFull() throws Exception {
        BuyerClient buyer = LeakWatch.watch(new BuyerClient(stack.info(), stack.node().web3j(), 50 * USDC));
        JsonNode order = buyer.order(600, "hold", Map.of("seconds", "300"));
        String orderId = order.path("orderId").asText();
        buyer.payWithPermit(order);
        confirmAndWatch();
        stack.deliver(WorkQueue.Topic.PROVISION);
        String resourceId = buyer.get(orderId).path("state").asText().equals("RUNNING")
                ? stack.provisioner().listOwned().stream().filter(r -> r.orderId().equals(orderId)).findFirst()
                .map(Resource::resourceId).orElseThrow() : null;
        assertThat(resourceId).isNotNull();

        // The provider's machine dies under the workload.
        long pid = Long.parseLong(Files.readAllLines(stack.context().getProperty("cyberplaza.provisioners.local-process.root",
                String.class).map(Path::of).orElseThrow().resolve(resourceId).resolve("launch.properties")).stream()
                .filter(l -> l.startsWith("pid=")).findFirst().orElseThrow().substring(4));
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        eventually(() -> stack.provisioner().describe(resourceId).filter(r -> !r.status().isActive()).orElse(null), "the failure");

        stack.meter().execute(meterEvent);
        JsonNode settling = buyer.get(orderId);
        assertThat(settling.path("usage").path("endReason").asText()).isEqualTo("RESOURCE_FAILED");
        JsonNode settlement = settle(buyer, orderId).path("settlement");
        assertThat(settlement.path("refund").asLong()).isEqualTo(order.path("escrowAmount").asLong());
        assertThat(settlement.path("providerPayout").asLong()).isZero();
        assertChainMatches(buyer, orderId, settlement);
    }

    @Test
    void anUnderfundedOrderWaitsAndRunsOnceToppedUp() throws Exception {
        BuyerClient buyer = LeakWatch.watch(new BuyerClient(stack.info(), stack.node().web3j(), 50 * USDC));
        JsonNode order = buyer.order(600, "hold", Map.of("seconds", "1"));
        String orderId = order.path("orderId").asText();
        long escrowAmount = order.path("escrowAmount").asLong();
        buyer.pay(orderId, escrowAmount / 2);
        confirmAndWatch();
        JsonNode partly = buyer.get(orderId);
        assertThat(partly.path("state").asText()).isEqualTo("QUOTED");
        assertThat(partly.path("deposited").asLong()).isEqualTo(escrowAmount / 2);
        assertThat(partly.path("escrow").path("amount").asLong()).as("still owed").isEqualTo(escrowAmount - escrowAmount / 2);

        buyer.pay(orderId, escrowAmount - escrowAmount / 2);
        confirmAndWatch();
        assertThat(buyer.get(orderId).path("state").asText()).isEqualTo("FUNDED");
        stack.deliver(WorkQueue.Topic.PROVISION);
        assertThat(buyer.get(orderId).path("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void aDepositAfterTheFundingWindowIsRefundedInFull() throws Exception {
        BuyerClient buyer = LeakWatch.watch(new BuyerClient(stack.info(), stack.node().web3j(), 50 * USDC));
        JsonNode order = buyer.order(600, "hold", Map.of("seconds", "1"));
        String orderId = order.path("orderId").asText();
        Thread.sleep(6_500);
        stack.meter().execute(meterEvent);
        assertThat(buyer.get(orderId).path("state").asText()).isEqualTo("EXPIRED");

        buyer.pay(orderId, order.path("escrowAmount").asLong());
        confirmAndWatch();
        assertThat(buyer.get(orderId).path("state").asText()).isEqualTo("SETTLING");
        JsonNode settlement = settle(buyer, orderId).path("settlement");
        assertThat(settlement.path("refund").asLong()).isEqualTo(order.path("escrowAmount").asLong());
        assertChainMatches(buyer, orderId, settlement);
    }

    @Test
    void everyTriggerDeliveredTwiceIsAppliedOnce() throws Exception {
        BuyerClient buyer = LeakWatch.watch(new BuyerClient(stack.info(), stack.node().web3j(), 50 * USDC));
        Map<String, String> params = Map.of("seconds", "2");
        JsonNode quote = buyer.call("POST", "/quotes", Map.of("offerId", "local-cpu", "units", 1, "seconds", 600,
                "template", "hold", "parameters", params)).body();
        JsonNode order = buyer.call("POST", "/orders", Map.of("quoteId", quote.path("quoteId").asText())).body();
        JsonNode again = buyer.call("POST", "/orders", Map.of("quoteId", quote.path("quoteId").asText())).body();
        String orderId = order.path("orderId").asText();
        assertThat(again.path("orderId").asText()).isEqualTo(orderId);

        buyer.payWithPermit(order);
        confirmAndWatch();
        stack.watcher().execute(watcherEvent); // the schedule fires again over the same blocks
        JsonNode funded = buyer.get(orderId);
        assertThat(funded.path("deposited").asLong()).isEqualTo(order.path("escrowAmount").asLong());

        // The funding sent one provision message; a redelivery (or a duplicate) sends it twice.
        WorkQueue queue = stack.context().getBean(WorkQueue.class);
        queue.send(WorkQueue.Topic.PROVISION, orderId, "provision:" + orderId);
        while (stack.deliver(WorkQueue.Topic.PROVISION) > 0) {
            // drain every copy
        }
        assertThat(stack.provisioner().listOwned().stream().filter(r -> r.orderId().equals(orderId)).count()).isEqualTo(1);

        eventually(() -> stack.provisioner().listOwned().stream()
                .filter(r -> r.orderId().equals(orderId) && !r.status().isActive()).findFirst().orElse(null), "the workload to end");
        stack.meter().execute(meterEvent);
        stack.meter().execute(meterEvent);
        assertThat(buyer.get(orderId).path("state").asText()).isEqualTo("SETTLING");
        queue.send(WorkQueue.Topic.SETTLE, orderId, "settle:" + orderId);
        stack.deliver(WorkQueue.Topic.SETTLE);
        stack.deliver(WorkQueue.Topic.SETTLE);
        confirmAndWatch();
        JsonNode settled = await(buyer, orderId, "SETTLED");
        assertChainMatches(buyer, orderId, settled.path("settlement"));

        // One settlement transaction was recorded for the order; the meter schedule reconciles its
        // receipt, after which nothing is left pending.
        stack.meter().execute(meterEvent);
        TransactionOutbox outbox = stack.context().getBean(TransactionOutbox.class);
        String sender = DevAccounts.SETTLER.getAddress().toLowerCase();
        assertThat(outbox.pending(sender)).isEmpty();
        String txId = settled.path("settlement").path("transactionId").asText();
        assertThat(outbox.find(sender, txId)).isPresent();
        BigInteger refund = buyer.escrow().refundOf(buyer.address).send();
        assertThat(refund.longValueExact()).isEqualTo(settled.path("settlement").path("refund").asLong());
        assertThat(buyer.settlementTransaction(orderId)).as("the buyer finds its order's Settled event by the owner-bound key")
                .hasValueSatisfying(tx -> assertThat(tx).matches("0x[0-9a-f]{64}"));
    }

    @Test
    void theQueueHandlersAcceptTheirSampleEventsAndIgnoreAnUnknownOrder() throws Exception {
        Path root = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).getParent();
        for (String sample : new String[]{"sqs-provision.json", "sqs-settle.json"}) {
            var event = LambdaEventSerializers.serializerFor(com.amazonaws.services.lambda.runtime.events.SQSEvent.class,
                    getClass().getClassLoader()).fromJson(Files.readString(root.resolve("events").resolve(sample)));
            assertThat(event.getRecords()).hasSize(1);
            var response = sample.contains("provision") ? stack.provisionHandler().execute(event) : stack.settleHandler().execute(event);
            // The sample's order does not exist here: nothing to do, and nothing to retry.
            assertThat(response.getBatchItemFailures()).as(sample).isEmpty();
        }
    }

    @Test
    void thePricingOracleHandlerReadsTheProvidersOffersAndKeepsTheirDemoPricesOut() throws Exception {
        Path root = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).getParent();
        var summary = stack.pricingHandler().execute(sample(root, "scheduled-pricing-oracle.json"));

        // The local catalog sells a core-hour for 10 and 12 USDC, hundreds of times a real vCPU's price:
        // the round reports both as absurd and publishes nothing for them.
        assertThat(summary.sourcesFailed()).isEmpty();
        assertThat(summary.observations()).isEqualTo(2);
        assertThat(summary.rejections()).isEqualTo(2);
        assertThat(summary.pricesPublished()).isZero();
        var vcpu = new io.cyberplaza.core.pricing.PriceKey(io.cyberplaza.core.pricing.PriceUnit.VCPU_HOUR, "local", "");
        assertThat(stack.context().getBean(io.cyberplaza.core.pricing.PriceRepository.class).current(vcpu)).isEmpty();
    }

    /** GET /offers as API Gateway hands it to the handler, from {@code sourceIp}; the RateLimit-Remaining it answers. */
    private static int remainingAfterOffers(io.cyberplaza.aws.handler.ApiHandler handler, String sourceIp) {
        var http = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET")
                .withPath("/offers").withProtocol("HTTP/1.1").withSourceIp(sourceIp).build();
        var event = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("$default")
                .withRawPath("/offers").withRawQueryString("")
                // A header the caller wrote itself: API Gateway's own record of the connection is what counts.
                .withHeaders(Map.of("accept", "application/json", "x-forwarded-for", "203.0.113.66"))
                .withRequestContext(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withStage("$default").withRequestId("rate-" + sourceIp).withHttp(http).build())
                .withIsBase64Encoded(false).build();
        var response = handler.handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        java.util.Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (response.getHeaders() != null) headers.putAll(response.getHeaders());
        if (response.getMultiValueHeaders() != null) response.getMultiValueHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
        return Integer.parseInt(headers.get("RateLimit-Remaining"));
    }

    @Test
    void callersThroughApiGatewayAreToldApartByTheSourceAddressItSaw() throws Exception {
        try (var handler = new io.cyberplaza.aws.handler.ApiHandler(stack.context())) {
            int first = remainingAfterOffers(handler, "198.51.100.21");
            assertThat(remainingAfterOffers(handler, "198.51.100.21")).isEqualTo(first - 1);
            assertThat(remainingAfterOffers(handler, "198.51.100.22")).as("another caller's budget is untouched").isEqualTo(first);
        }
    }

    @Test
    void theApiHandlerAnswersItsSampleEvent() throws Exception {
        Path root = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).getParent();
        var event = LambdaEventSerializers.serializerFor(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class,
                getClass().getClassLoader()).fromJson(Files.readString(root.resolve("events/apigw-v2-get-health.json")));
        try (var handler = new io.cyberplaza.aws.handler.ApiHandler(stack.context())) {
            var response = handler.handleRequest(event, null);
            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(response.getBody()).contains("\"status\":\"ok\"");
            // What SnapStart calls before its snapshot: the handler's own GET /health, which must succeed.
            assertThatCode(() -> handler.beforeCheckpoint(null)).doesNotThrowAnyException();
        }
    }

    @Test
    void theApiIsBrowsableFromItsOwnDocumentWithNothingFetchedFromElsewhere() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.info().api() + "/docs")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("/openapi.json").contains("/docs/swagger-ui/swagger-ui-bundle.js").doesNotContain("https://");
        for (String asset : new String[]{"/docs/swagger-ui/swagger-ui-bundle.js", "/docs/swagger-ui/swagger-ui.css", "/openapi.json"}) {
            var reply = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.info().api() + asset)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(reply.statusCode()).as(asset).isEqualTo(200);
            assertThat(reply.body().length).as(asset).isGreaterThan(1_000);
        }
    }
}
