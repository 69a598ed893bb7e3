package io.cyberplaza.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.settlement.SettlementStatus;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.core.tx.TxStatus;
import io.cyberplaza.local.crash.CrashPoints;
import io.cyberplaza.local.crash.CrashPoints.Point;
import io.cyberplaza.local.crash.SimulatedCrash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function that does each step of an order dies right after (or, where the step is a vendor or
 * chain call, right before recording) one write, through the real handlers, Hardhat, DynamoDB Local
 * and ElasticMQ. The triggers then keep coming as they would in the cloud (schedules fire, undeleted
 * messages come back) and every order must still end SETTLED with the on-chain split equal to the
 * recorded one: nothing lost, nothing launched or paid twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryEndToEndTest {
    private static final long USDC = 1_000_000L;
    private static final AtomicReference<String> ORDER = new AtomicReference<>();

    private LocalMarketplace stack;
    private CrashPoints crashes;
    private ScheduledEvent watcherEvent;
    private ScheduledEvent meterEvent;

    @BeforeAll
    void start() throws Exception {
        Path root = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).getParent();
        stack = LeakWatch.watch(LocalMarketplace.start(root, Files.createTempDirectory("cyberplaza-crash"), new LocalMarketplace.Options(false, Map.of(
                CrashPoints.ENABLED, "true",
                // The sweep for stalled orders runs on every meter run instead of after minutes.
                "cyberplaza.orders.stall-after", "0s"))));
        crashes = stack.context().getBean(CrashPoints.class);
        var events = LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader());
        watcherEvent = events.fromJson(Files.readString(root.resolve("events/scheduled-escrow-watcher.json")));
        meterEvent = events.fromJson(Files.readString(root.resolve("events/scheduled-meter.json")));
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    @AfterEach
    void disarm() {
        crashes.disarm();
    }

    private static boolean ours(Object orderId) {
        return orderId.equals(ORDER.get());
    }

    private static boolean orderMovesTo(Object[] args, OrderState state) {
        return args[1] instanceof Order next && ours(next.orderId()) && next.state() == state;
    }

    private static boolean settlementMovesTo(Object[] args, SettlementStatus status) {
        return args[1] instanceof Settlement next && ours(next.orderId()) && next.status() == status;
    }

    static Stream<Point> crashPoints() {
        return Stream.of(
                Point.after("watcher: deposit recorded, order not yet funded", DepositLedger.class, "record",
                        args -> args[0] instanceof io.cyberplaza.core.escrow.DepositRecord d && ours(d.orderId())),
                Point.after("watcher: order funded, provisioning not yet requested", OrderRepository.class, "replace",
                        args -> orderMovesTo(args, OrderState.FUNDED)),
                Point.after("watcher: provisioning requested, block not yet marked done", WorkQueue.class, "send",
                        args -> args[0] == WorkQueue.Topic.PROVISION && ours(args[1])),
                Point.after("provision: order claimed, nothing launched", OrderRepository.class, "replace",
                        args -> orderMovesTo(args, OrderState.PROVISIONING)),
                Point.before("provision: resource launched, order not yet running", OrderRepository.class, "replace",
                        args -> orderMovesTo(args, OrderState.RUNNING)),
                Point.after("meter: stop decided, resource not yet stopped", OrderRepository.class, "replace",
                        args -> orderMovesTo(args, OrderState.STOPPING)),
                Point.after("meter: order ended, settlement not yet requested", OrderRepository.class, "replace",
                        args -> orderMovesTo(args, OrderState.SETTLING)),
                Point.after("settle: split fixed, not yet marked", SettlementRepository.class, "create",
                        args -> args[0] instanceof Settlement s && ours(s.orderId())),
                Point.after("settle: settlement marked, transaction not yet recorded", SettlementRepository.class, "replace",
                        args -> settlementMovesTo(args, SettlementStatus.SUBMITTED)),
                Point.after("settle: transaction signed and recorded, not yet broadcast", TransactionOutbox.class, "recordNew",
                        args -> true),
                Point.after("watcher: settlement confirmed, order not yet settled", SettlementRepository.class, "replace",
                        args -> settlementMovesTo(args, SettlementStatus.CONFIRMED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crashPoints")
    void aCrashBetweenTwoStepsIsRecoveredWithNothingLostOrPaidTwice(Point point) throws Exception {
        BuyerClient buyer = LeakWatch.watch(new BuyerClient(stack.info(), stack.node().web3j(), 50 * USDC));
        JsonNode order = buyer.order(600, "hold", Map.of("seconds", "2"));
        String orderId = order.path("orderId").asText();
        ORDER.set(orderId);
        crashes.arm(point);
        buyer.payWithPermit(order);

        JsonNode settled = runTriggersUntilSettled(buyer, orderId);
        assertThat(crashes.fired()).as("the crash happened").isEqualTo(1);

        long escrowAmount = order.path("escrowAmount").asLong();
        JsonNode settlement = settled.path("settlement");
        assertThat(settled.path("deposited").asLong()).as("the deposit, counted once").isEqualTo(escrowAmount);
        assertThat(settlement.path("status").asText()).isEqualTo("CONFIRMED");
        long deposit = settlement.path("deposit").asLong();
        long provider = settlement.path("providerPayout").asLong();
        long fee = settlement.path("fee").asLong();
        long refund = settlement.path("refund").asLong();
        assertThat(deposit).isEqualTo(escrowAmount);
        assertThat(provider + fee + refund).isEqualTo(deposit);
        assertThat(provider).as("the workload ran and was paid for").isPositive();

        ComputeEscrow escrow = buyer.escrow();
        byte[] id = OrderIds.toBytes32(orderId);
        // Settled: the order's slot holds the provider's payout and nothing of the buyer's.
        assertThat(escrow.orderOf(buyer.address, id).send().amount.longValueExact()).isEqualTo(provider);
        assertThat(escrow.refundOf(buyer.address).send().longValueExact()).isEqualTo(refund);

        assertThat(stack.provisioner().listOwned().stream().filter(r -> r.orderId().equals(orderId)))
                .as("launched once").hasSize(1);
        TransactionOutbox outbox = stack.context().getBean(TransactionOutbox.class);
        String settler = DevAccounts.SETTLER.getAddress().toLowerCase();
        stack.meter().execute(meterEvent); // reconciles the receipt of a transaction whose crash hid it
        assertThat(outbox.pending(settler)).as("no transaction left unfinished").isEmpty();
        assertThat(outbox.find(settler, settlement.path("transactionId").asText()).orElseThrow().status())
                .isEqualTo(TxStatus.CONFIRMED);
    }

    /** The schedules and queue deliveries, over and over, surviving the injected crash. */
    private JsonNode runTriggersUntilSettled(BuyerClient buyer, String orderId) throws Exception {
        for (int round = 0; round < 120; round++) {
            surviving(() -> {
                stack.node().rpc("hardhat_mine", "0x3");
                stack.watcher().execute(watcherEvent);
            });
            surviving(() -> stack.deliver(WorkQueue.Topic.PROVISION));
            surviving(() -> stack.meter().execute(meterEvent));
            surviving(() -> stack.deliver(WorkQueue.Topic.SETTLE));
            JsonNode current = buyer.get(orderId);
            if (current.path("state").asText().equals("SETTLED")) return current;
            Thread.sleep(250);
        }
        throw new AssertionError("order " + orderId + " never settled; it is " + buyer.get(orderId));
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void surviving(Step step) throws Exception {
        try {
            step.run();
        } catch (SimulatedCrash crash) {
            // The process died; the cloud goes on with the next trigger.
        }
    }
}
