package io.cyberplaza.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cyberplaza.aws.handler.VendorWebhookHandler;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.run.Provisioners;
import io.cyberplaza.provisioner.aws.Ec2Provisioner;
import io.cyberplaza.provisioner.aws.Ec2Vendor;
import io.cyberplaza.provisioner.aws.FaultInjector.Fault;
import io.cyberplaza.provisioner.aws.FaultInjector;
import io.cyberplaza.provisioner.resilience.ResilientProvisioner;
import io.cyberplaza.vendor.VendorExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cloud orders end to end on the local stack: the EC2 adapter against moto's EC2, the vendor's
 * state-change callbacks through the webhook route, settlement on the Hardhat chain; then the same
 * order under each fault the resilience layer must ride out, counting machines launched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudOrderEndToEndTest {
    private static final Logger log = LoggerFactory.getLogger(CloudOrderEndToEndTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long USDC = 1_000_000L;
    private static final String OFFER = "aws-t3-micro";
    private static final String IMAGE = "ami-760aaa0f";

    private final FaultInjector faults = new FaultInjector();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalMarketplace stack;
    private Ec2Client ec2;
    private ScheduledEvent watcherEvent;
    private Path root;

    @BeforeAll
    void start() throws Exception {
        root = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).getParent();
        stack = LeakWatch.watch(LocalMarketplace.start(root, Files.createTempDirectory("cyberplaza-cloud-e2e"),
                new LocalMarketplace.Options(false, Map.of(
                        "cyberplaza.orders.confirmation-grace", "0s",
                        "cyberplaza.provisioners.aws-ec2.call-timeout", "2s",
                        "cyberplaza.provisioners.aws-ec2.first-backoff", "20ms",
                        "cyberplaza.provisioners.aws-ec2.breaker-open-for", "1s"), List.of(new VendorExtension("aws-ec2", faults)))));
        ec2 = Ec2Client.builder().endpointOverride(stack.ec2Endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        watcherEvent = LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader())
                .fromJson(Files.readString(root.resolve("events/scheduled-escrow-watcher.json")));
    }

    @AfterAll
    void stop() {
        if (ec2 != null) ec2.close();
        if (stack != null) stack.close();
    }

    private void confirmAndWatch() throws Exception {
        stack.node().rpc("hardhat_mine", "0x3");
        stack.watcher().execute(watcherEvent);
    }

    private String fundedCloudOrder(BuyerClient buyer) throws Exception {
        JsonNode quote = buyer.quote(OFFER, 3_600, IMAGE, Map.of());
        BuyerClient.Reply created = buyer.call("POST", "/orders", Map.of("quoteId", quote.path("quoteId").asText()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        buyer.payWithPermit(created.body());
        confirmAndWatch();
        String orderId = created.body().path("orderId").asText();
        assertThat(buyer.get(orderId).path("state").asText()).isEqualTo("FUNDED");
        return orderId;
    }

    private List<Instance> machinesOf(String orderId) {
        return ec2.describeInstancesPaginator(r -> r.filters(Filter.builder().name("tag:" + Ec2Provisioner.ORDER_TAG).values(orderId).build()))
                .reservations().stream().flatMap(r -> r.instances().stream()).toList();
    }

    private HttpResponse<String> ec2Callback(String resourceId, String state, Instant at) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(root.resolve("events/webhook-aws-ec2-state-change.json")));
        String region = resourceId.substring(0, resourceId.indexOf('/'));
        String instanceId = resourceId.substring(resourceId.indexOf('/') + 1);
        event.put("id", UUID.randomUUID().toString()).put("time", at.toString()).put("region", region);
        ((ObjectNode) event.get("detail")).put("instance-id", instanceId).put("state", state);
        return http.send(HttpRequest.newBuilder(URI.create(stack.info().api() + "/webhooks/aws"))
                .header("Content-Type", "application/json")
                .header("X-CyberPlaza-Webhook-Key", stack.secret(Ec2Vendor.WEBHOOK_KEY_SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode settle(BuyerClient buyer, String orderId) throws Exception {
        stack.deliver(WorkQueue.Topic.SETTLE);
        confirmAndWatch();
        JsonNode order = buyer.get(orderId);
        assertThat(order.path("state").asText()).as(order.toString()).isEqualTo("SETTLED");
        JsonNode settlement = order.path("settlement");
        ComputeEscrow escrow = buyer.escrow();
        assertThat(settlement.path("providerPayout").asLong() + settlement.path("fee").asLong() + settlement.path("refund").asLong())
                .isEqualTo(settlement.path("deposit").asLong());
        // Settled: the order's slot holds the provider's payout and nothing of the buyer's.
        assertThat(escrow.orderOf(buyer.address, OrderIds.toBytes32(orderId)).send().amount.longValueExact())
                .isEqualTo(settlement.path("providerPayout").asLong());
        return order;
    }

    @Test
    void aCloudOrderRunsOnEc2FollowsTheVendorsCallbacksAndSettles() throws Exception {
        BuyerClient buyer = LeakWatch.watch(new BuyerClient(stack.info(), stack.node().web3j(), 5 * USDC));
        String orderId = fundedCloudOrder(buyer);

        assertThat(stack.deliver(WorkQueue.Topic.PROVISION)).isEqualTo(1);
        JsonNode running = buyer.get(orderId);
        assertThat(running.path("state").asText()).isEqualTo("RUNNING");
        Instance machine = machinesOf(orderId).getFirst();
        assertThat(machine.instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(machine.imageId()).isEqualTo(IMAGE);
        assertThat(machine.placement().availabilityZone()).isEqualTo("us-east-1a");
        String resourceId = "us-east-1/" + machine.instanceId();

        Instant runningAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> callback = ec2Callback(resourceId, "running", runningAt);
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(200);
        assertThat(Instant.parse(buyer.get(orderId).path("usage").path("startedAt").asText())).isEqualTo(runningAt);

        assertThat(buyer.call("POST", "/orders/" + orderId + "/complete", null).body().path("state").asText()).isEqualTo("SETTLING");
        assertThat(machinesOf(orderId)).singleElement().satisfies(i -> assertThat(i.state().nameAsString()).isIn("shutting-down", "terminated"));
        assertThat(ec2Callback(resourceId, "terminated", Instant.now()).statusCode()).isEqualTo(200);

        JsonNode settled = settle(buyer, orderId);
        assertThat(settled.path("usage").path("endReason").asText()).isEqualTo("USER_COMPLETED");
        assertThat(settled.path("settlement").path("refund").asLong()).isPositive();
    }

    @Test
    void underEveryFaultEachOrderGetsExactlyOneMachine() throws Exception {
        BuyerClient buyer = LeakWatch.watch(new BuyerClient(stack.info(), stack.node().web3j(), 20 * USDC));
        int launchesBefore = faults.sent("RunInstances");
        int orders = 0;
        int machines = 0;

        record Case(String name, Fault fault, int times) {
        }
        for (Case fault : List.of(new Case("throttling storm", Fault.THROTTLE, 4), new Case("5xx burst", Fault.SERVER_ERROR, 3),
                new Case("answer lost after the launch was accepted", Fault.LOST_ANSWER, 1),
                new Case("answer later than the time limit", Fault.SLOW_ANSWER, 1))) {
            String orderId = fundedCloudOrder(buyer);
            faults.slowBy(Duration.ofSeconds(3)).fail("RunInstances", fault.fault(), fault.times(), r -> true);
            stack.deliver(WorkQueue.Topic.PROVISION);
            assertThat(buyer.get(orderId).path("state").asText()).as(fault.name()).isEqualTo("RUNNING");
            assertThat(machinesOf(orderId)).as(fault.name()).hasSize(1);
            faults.clear();
            orders++;
            machines += machinesOf(orderId).size();
        }

        String movedOn = fundedCloudOrder(buyer);
        faults.fail("RunInstances", Fault.NO_CAPACITY, 100, FaultInjector.inZone("us-east-1a"));
        stack.deliver(WorkQueue.Topic.PROVISION);
        assertThat(machinesOf(movedOn)).singleElement().satisfies(i -> assertThat(i.placement().availabilityZone()).isEqualTo("us-east-1b"));
        faults.clear();
        orders++;
        machines += machinesOf(movedOn).size();

        // A failing region opens the breaker: deliveries then fail fast without calling EC2, and the order runs once it recovers.
        String throughBreaker = fundedCloudOrder(buyer);
        ResilientProvisioner ec2Provisioner = (ResilientProvisioner) stack.context().getBean(Provisioners.class).forKind("aws-ec2");
        faults.fail("RunInstances", Fault.SERVER_ERROR, 10_000, r -> true);
        for (int delivery = 0; delivery < 10 && ec2Provisioner.breakerState("us-east-1") != CircuitBreaker.State.OPEN; delivery++) {
            stack.deliver(WorkQueue.Topic.PROVISION);
        }
        assertThat(ec2Provisioner.breakerState("us-east-1")).isEqualTo(CircuitBreaker.State.OPEN);
        int sentWhileOpen = faults.sent("RunInstances");
        stack.deliver(WorkQueue.Topic.PROVISION);
        assertThat(faults.sent("RunInstances")).isEqualTo(sentWhileOpen);
        assertThat(buyer.get(throughBreaker).path("state").asText()).isEqualTo("PROVISIONING");
        faults.clear();
        Thread.sleep(1_200);
        stack.deliver(WorkQueue.Topic.PROVISION);
        assertThat(buyer.get(throughBreaker).path("state").asText()).isEqualTo("RUNNING");
        assertThat(ec2Provisioner.breakerState("us-east-1")).isNotEqualTo(CircuitBreaker.State.OPEN);
        orders++;
        machines += machinesOf(throughBreaker).size();

        int launches = faults.sent("RunInstances") - launchesBefore;
        log.info("fault tests: {} orders ran, {} instances created, {} RunInstances calls attempted", orders, machines, launches);
        System.out.printf("fault tests: %d orders ran, %d instances created, %d RunInstances calls attempted%n", orders, machines, launches);
        assertThat(machines).isEqualTo(orders);

        // No capacity anywhere: nothing runs, the order is refunded in full.
        String nowhere = fundedCloudOrder(buyer);
        faults.fail("RunInstances", Fault.NO_CAPACITY, 100, r -> true);
        stack.deliver(WorkQueue.Topic.PROVISION);
        faults.clear();
        assertThat(machinesOf(nowhere)).isEmpty();
        JsonNode refunded = settle(buyer, nowhere);
        assertThat(refunded.path("usage").path("endReason").asText()).isEqualTo("PROVISION_FAILED");
        assertThat(refunded.path("settlement").path("refund").asLong()).isEqualTo(refunded.path("settlement").path("deposit").asLong());
    }

    @Test
    void theWebhookFunctionTakesTheEc2SampleAsApiGatewayDeliversIt() throws Exception {
        var event = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader())
                .fromJson(Files.readString(root.resolve("events/apigw-v2-get-health.json")));
        ObjectNode callback = (ObjectNode) JSON.readTree(Files.readString(root.resolve("events/webhook-aws-ec2-state-change.json")));
        callback.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        event.setRouteKey("POST /webhooks/{vendor}");
        event.setRawPath("/webhooks/aws");
        event.getRequestContext().getHttp().setMethod("POST");
        event.getRequestContext().getHttp().setPath("/webhooks/aws");
        event.setBody(callback.toString());
        VendorWebhookHandler handler = new VendorWebhookHandler(stack.context());

        event.setHeaders(Map.of("content-type", "application/json", "x-cyberplaza-webhook-key", stack.secret(Ec2Vendor.WEBHOOK_KEY_SECRET)));
        var known = handler.handleRequest(event, null);
        event.setHeaders(Map.of("content-type", "application/json", "x-cyberplaza-webhook-key", "guessed"));
        var forged = handler.handleRequest(event, null);

        assertThat(known.getStatusCode()).as(known.getBody()).isEqualTo(202);
        assertThat(known.getBody()).contains("\"outcome\":\"ignored\"");
        assertThat(forged.getStatusCode()).isEqualTo(401);
    }

    @Test
    void forgedCallbacksChangeNothingOnTheStack() throws Exception {
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(stack.info().api() + "/webhooks/aws"))
                .header("Content-Type", "application/json").header("X-CyberPlaza-Webhook-Key", "guessed")
                .POST(HttpRequest.BodyPublishers.ofString(Files.readString(root.resolve("events/webhook-aws-ec2-state-change.json"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThatThrownBy(() -> stack.secret("no-such-secret")).isInstanceOf(RuntimeException.class);
    }
}
