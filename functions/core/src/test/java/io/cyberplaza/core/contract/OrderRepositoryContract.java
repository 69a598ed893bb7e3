package io.cyberplaza.core.contract;

import io.cyberplaza.core.order.EndReason;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderTerms;
import io.cyberplaza.core.order.Usage;
import io.cyberplaza.core.order.Workload;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.store.ConditionFailedException;
import io.cyberplaza.provisioner.MachineSpec;
import io.cyberplaza.provisioner.TaskPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every Orders store must do; run unchanged against each implementation. */
public abstract class OrderRepositoryContract {
    protected static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");

    protected abstract OrderRepository repository();

    private OrderRepository orders;

    @BeforeEach
    void setUpRepository() {
        orders = repository();
    }

    public static String randomOrderId() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    public static final OrderTerms TERMS = new OrderTerms("offer-cpu-small", "0x00000000000000000000000000000000000000b2",
            "local-process", 10_000_000L, 1, 3_600, 500, 259_200);
    public static final Workload WORKLOAD = new Workload("prime-sieve", Map.of("limit", "1000000"));

    protected static Order quoted(String owner) {
        return Order.quoted(randomOrderId(), owner, TERMS, WORKLOAD, 12_000_000L, NOW, NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void createdOrderReadsBackUnchanged() {
        Order order = quoted("0x00000000000000000000000000000000000000a1");
        orders.create(order);
        assertThat(orders.find(order.orderId())).contains(order);
    }

    @Test
    void anOrderPaidByCouponKeepsItsCoupon() {
        Order order = Order.payableByCoupon(randomOrderId(), "0x00000000000000000000000000000000000000a1", TERMS, WORKLOAD, 12_000_000L,
                "cpn_" + "3f".repeat(20), NOW, NOW.plus(Duration.ofMinutes(30)));
        orders.create(order);
        Order funded = order.moveTo(OrderState.FUNDED, NOW.plusSeconds(1));
        assertThat(orders.replace(order, funded)).isTrue();
        assertThat(orders.find(order.orderId())).contains(funded);
        assertThat(orders.find(order.orderId()).orElseThrow().isPaidByCoupon()).isTrue();
    }

    @Test
    void everyFieldOfARunningOrderRoundTrips() {
        Order order = quoted("0x00000000000000000000000000000000000000a1");
        orders.create(order);
        Order running = order.withDeposited(12_500_000L, NOW).moveTo(OrderState.FUNDED, NOW)
                .moveTo(OrderState.PROVISIONING, NOW).moveTo(OrderState.RUNNING, NOW.plusSeconds(3))
                .withResource("local-process:" + order.orderId(), NOW.plusSeconds(3))
                .withUsage(Usage.running(NOW.plusSeconds(3)).measured(120, 7), NOW.plusSeconds(123))
                .asNextVersionOf(order);
        assertThat(orders.replace(order, running)).isTrue();
        assertThat(orders.find(order.orderId())).contains(running);

        Order ended = running.moveTo(OrderState.COMPLETED, NOW.plusSeconds(200)).withUsage(running.usage()
                .ended(NOW.plusSeconds(200), 197, 7, EndReason.USER_COMPLETED), NOW.plusSeconds(200)).asNextVersionOf(running);
        assertThat(orders.replace(running, ended)).isTrue();
        assertThat(orders.find(order.orderId())).contains(ended);
    }

    @Test
    void theCloudMachineOfTheTermsAndAFailedLaunchRoundTrip() {
        OrderTerms cloud = new OrderTerms("aws-t3-micro", TERMS.provider(), "aws-ec2", 20_000L, 1, 3_600, 300, 0,
                new MachineSpec("t3.micro", true, List.of("us-east-1a", "us-east-1b")));
        Order order = Order.quoted(randomOrderId(), "0x00000000000000000000000000000000000000a1", cloud,
                new Workload("ami-0abcdef1234567890", Map.of()), 24_000L, NOW, NOW.plus(Duration.ofMinutes(30)));
        orders.create(order);
        Order failed = order.withDeposited(24_000L, NOW).moveTo(OrderState.FUNDED, NOW).moveTo(OrderState.PROVISIONING, NOW)
                .withUsage(Usage.provisionFailed(NOW.plusSeconds(9)), NOW.plusSeconds(9))
                .moveTo(OrderState.PROVISION_FAILED, NOW.plusSeconds(9)).asNextVersionOf(order);
        assertThat(orders.replace(order, failed)).isTrue();
        assertThat(orders.find(order.orderId())).contains(failed);
        assertThat(orders.findByState(OrderState.PROVISION_FAILED)).extracting(Order::orderId).contains(order.orderId());
    }

    @Test
    void aSweepAWorkflowAndMeteredUsageRoundTrip() {
        OrderTerms hpc = new OrderTerms("hpc-compute", TERMS.provider(), "slurm", 50_000L, 200, 120, 300, 3_600);
        Workload sweep = new Workload("stress-ng", Map.of("seconds", "5"),
                TaskPlan.sweep(TaskPlan.Sweep.range("seed", 1, 100, 1)));
        Order order = Order.quoted(randomOrderId(), "0x00000000000000000000000000000000000000a1", hpc, sweep, 400_000L, NOW,
                NOW.plus(Duration.ofMinutes(30)));
        orders.create(order);
        Order running = order.withDeposited(400_000L, NOW).moveTo(OrderState.FUNDED, NOW).moveTo(OrderState.PROVISIONING, NOW)
                .moveTo(OrderState.RUNNING, NOW).withResource("slurm:41", NOW)
                .withUsage(Usage.running(NOW).measured(90, 0, 1_234L), NOW.plusSeconds(90)).asNextVersionOf(order);
        assertThat(orders.replace(order, running)).isTrue();
        assertThat(orders.find(order.orderId())).contains(running);
        assertThat(orders.find(order.orderId()).orElseThrow().usedUnitSeconds()).isEqualTo(1_234L);

        Workload workflow = new Workload("", Map.of(), TaskPlan.workflow(List.of(
                new TaskPlan.Step("prepare", "stress-ng", Map.of("seconds", "2"), List.of()),
                new TaskPlan.Step("solve", "batch-script", Map.of("script", "echo solved"), List.of("prepare")),
                new TaskPlan.Step("report", "stress-ng", Map.of(), List.of("prepare", "solve")))));
        Order steps = Order.quoted(randomOrderId(), "0x00000000000000000000000000000000000000a1", hpc, workflow, 400_000L, NOW,
                NOW.plus(Duration.ofMinutes(30)));
        orders.create(steps);
        assertThat(orders.find(steps.orderId())).contains(steps);
    }

    @Test
    void creatingTheSameIdTwiceFails() {
        Order order = quoted("0x00000000000000000000000000000000000000a1");
        orders.create(order);
        assertThatThrownBy(() -> orders.create(order)).isInstanceOf(ConditionFailedException.class);
    }

    @Test
    void replaceAppliesOnlyOnTheExpectedStateAndVersion() {
        Order order = quoted("0x00000000000000000000000000000000000000a1");
        orders.create(order);
        Order next = order.withDeposited(12_000_000L, NOW).moveTo(OrderState.FUNDED, NOW).asNextVersionOf(order);

        assertThat(orders.replace(order, next)).isTrue();
        assertThat(orders.find(order.orderId())).contains(next);
        // The same transition again, from the now stale copy, must not apply.
        assertThat(orders.replace(order, next)).isFalse();
        assertThat(orders.replace(order, order.moveTo(OrderState.EXPIRED, NOW))).isFalse();
        assertThat(orders.find(order.orderId()).orElseThrow().state()).isEqualTo(OrderState.FUNDED);
    }

    @Test
    void replacingAMissingOrderWritesNothing() {
        Order ghost = quoted("0x00000000000000000000000000000000000000a1");
        assertThat(orders.replace(ghost, ghost.moveTo(OrderState.FUNDED, NOW))).isFalse();
        assertThat(orders.find(ghost.orderId())).isEmpty();
    }

    @Test
    void eightWorkersRacingForOneTransitionLeaveExactlyOneWinner() throws Exception {
        Order order = quoted("0x00000000000000000000000000000000000000a1");
        orders.create(order);
        int workers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                // Each worker targets a different outcome, so a double apply would be visible.
                OrderState target = i % 2 == 0 ? OrderState.FUNDED : OrderState.EXPIRED;
                Instant at = NOW.plusSeconds(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return orders.replace(order, order.moveTo(target, at));
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) if (result.get()) winners++;
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        Order stored = orders.find(order.orderId()).orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.state()).isIn(OrderState.FUNDED, OrderState.EXPIRED);
    }

    @Test
    void findsOrdersByOwnerAndByState() {
        String alice = "0x00000000000000000000000000000000000000a1";
        String bob = "0x00000000000000000000000000000000000000b0";
        Order first = quoted(alice);
        Order second = Order.quoted(randomOrderId(), alice, TERMS, WORKLOAD, 5_000_000L,
                NOW.plusSeconds(5), NOW.plusSeconds(1800));
        Order other = quoted(bob);
        orders.create(first);
        orders.create(second);
        orders.create(other);
        orders.replace(other, other.moveTo(OrderState.EXPIRED, NOW));

        assertThat(orders.findByOwner(alice)).extracting(Order::orderId).containsExactly(first.orderId(), second.orderId());
        assertThat(orders.findByState(OrderState.EXPIRED)).extracting(Order::orderId).contains(other.orderId())
                .doesNotContain(first.orderId(), second.orderId());
    }
}
