package io.cyberplaza.core.run;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.escrow.EscrowEventRouter;
import io.cyberplaza.core.escrow.EventKey;
import io.cyberplaza.core.fakes.FakeProvisioner;
import io.cyberplaza.core.fakes.InMemoryDepositLedger;
import io.cyberplaza.core.fakes.InMemoryIdempotencyStore;
import io.cyberplaza.core.fakes.InMemoryInstanceRepository;
import io.cyberplaza.core.fakes.InMemoryOrderRepository;
import io.cyberplaza.core.fakes.InMemoryQuoteRepository;
import io.cyberplaza.core.fakes.InMemorySettlementRepository;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.RecordingEscrowSettler;
import io.cyberplaza.core.fakes.RecordingMetrics;
import io.cyberplaza.core.fakes.RecordingWorkQueue;
import io.cyberplaza.core.fakes.StaticOfferCatalog;
import io.cyberplaza.core.fakes.TestMarket;
import io.cyberplaza.core.fakes.TestOffers;
import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.offer.HpcPartition;
import io.cyberplaza.core.offer.Offer;
import io.cyberplaza.core.offer.ResourceType;
import io.cyberplaza.core.order.EndReason;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderFunding;
import io.cyberplaza.core.order.OrderService;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.quote.Quote;
import io.cyberplaza.core.quote.QuoteService;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementService;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.ResourceStatus;
import io.cyberplaza.provisioner.TaskPlan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sweeps and workflows: escrow for every task, billed on the unit-seconds the provider metered. */
class TaskPlanOrdersTest {
    private static final String ALICE = "0x00000000000000000000000000000000000000a1";
    /** 0.05 USDC a core-hour, on a partition of 4 nodes of 8 cores. */
    private static final Offer HPC = new Offer("hpc", "centre", TestOffers.PROVIDER, "A partition", ResourceType.CPU, "local", "core",
            50_000L, FeeTier.VERIFIED, "local-process", List.of("pi", "sleep"), 32, 24, List.of(), null,
            new HpcPartition("compute", 4, 8, 64_000, 0, 24 * 60, HpcPartition.BilledBy.CORE));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final InMemoryQuoteRepository quotes = new InMemoryQuoteRepository();
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final InMemorySettlementRepository settlements = new InMemorySettlementRepository();
    private final RecordingWorkQueue queue = new RecordingWorkQueue();
    private final FakeProvisioner provider = new FakeProvisioner(clock).runningTaskPlans();
    private final Provisioners provisioners = new Provisioners(List.of(provider));
    private final QuoteService quoting = new QuoteService(new StaticOfferCatalog(HPC, TestOffers.LOCAL_CPU), TestMarket.atPar(clock), quotes, clock);
    private final OrderService ordering = new OrderService(quotes, orders, clock);
    private final EscrowEventRouter funding = new EscrowEventRouter(new InMemoryDepositLedger(), settlements,
            List.of(new OrderFunding(orders, queue, new RecordingMetrics(), OrderFunding.ResourceStop.NONE, clock)), (id, why) -> { },
            EscrowEventRouter.DisputeEvents.NONE);
    private final ProvisionService provisioning = new ProvisionService(orders, provisioners, new InMemoryInstanceRepository(), queue,
            new RecordingMetrics(), clock, "test", new InMemoryIdempotencyStore());
    private final CompletionService completion = new CompletionService(orders, provisioners, queue, clock);
    private final MeterService meter = new MeterService(orders, provisioners, completion, clock);
    private final SettlementService settlement = new SettlementService(orders, settlements, new RecordingEscrowSettler(), clock);

    private static final TaskPlan HUNDRED = TaskPlan.sweep(TaskPlan.Sweep.range("seed", 1, 100, 1));

    private Quote quote(int units, long seconds, TaskPlan plan) {
        return quoting.quote(ALICE, new QuoteService.QuoteRequest("hpc", units, seconds, "pi", Map.of(), plan));
    }

    private Order running(Quote quote, long deposit) {
        Order order = ordering.create(ALICE, quote.quoteId());
        funding.apply(new EscrowEvent.Deposited(new EventKey("0xtx" + order.orderId(), 0), 1, "0xb", order.orderId(), ALICE, ALICE, deposit,
                deposit));
        return provisioning.provision(order.orderId()).orElseThrow();
    }

    private Settlement settled(Order order) {
        settlement.settle(List.of(order.orderId()));
        return settlements.find(order.orderId()).orElseThrow();
    }

    @Test
    void aSweepsEscrowPaysForEveryTaskAndEachTaskIsLaunchedWithItsOwnUnits() {
        Quote quote = quote(2, 600, HUNDRED);
        // 100 tasks x 2 cores x 600 s at 0.05 USDC a core-hour = 1.666666 USDC, plus 20 %.
        assertThat(quote.estimate()).isEqualTo(1_666_666L);
        assertThat(quote.escrowAmount()).isEqualTo(1_666_666L + 333_333L);
        assertThat(quote.terms().units()).isEqualTo(200);

        Order order = running(quote, quote.escrowAmount());
        assertThat(order.unitsPerTask()).isEqualTo(2);
        assertThat(provider.launches().getFirst().units()).isEqualTo(2);
        assertThat(provider.launches().getFirst().plan()).isEqualTo(HUNDRED);
        assertThat(provider.launches().getFirst().maxRuntime()).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void aMeteredOrderOutlivesItsPerTaskTimeAndIsBilledOnTheCoreSecondsItUsed() {
        Order order = running(quote(1, 120, HUNDRED), 400_000L);
        provider.meter(order.resourceId(), 3_000);
        // Queued tasks run long after the first began: the order's wall time is far past one task's 120 s.
        clock.advance(Duration.ofMinutes(20));
        meter.meterAll();
        assertThat(orders.find(order.orderId()).orElseThrow().state()).isEqualTo(OrderState.RUNNING);
        assertThat(orders.find(order.orderId()).orElseThrow().usage().meteredUnitSeconds()).isEqualTo(3_000L);

        provider.meter(order.resourceId(), 7_321);
        provider.end(order.resourceId(), ResourceStatus.SUCCEEDED);
        meter.meterAll();
        Order ended = orders.find(order.orderId()).orElseThrow();
        assertThat(ended.usage().endReason()).isEqualTo(EndReason.RESOURCE_GONE);
        Settlement split = settled(ended);
        long cost = 50_000L * 7_321 / 3_600;
        assertThat(split.providerAmount() + split.fee()).isEqualTo(cost);
        assertThat(split.refund()).isEqualTo(400_000L - cost);
    }

    @Test
    void aMeteredOrderEndsWhenItsTasksHaveUsedTheirTimeAndIsNeverBilledPastIt() {
        Quote quote = quote(1, 120, HUNDRED);   // 12,000 core-seconds bought
        Order order = running(quote, quote.escrowAmount());
        provider.meter(order.resourceId(), 12_000);
        meter.meterAll();
        Order done = orders.find(order.orderId()).orElseThrow();
        assertThat(done.usage().endReason()).isEqualTo(EndReason.TIME_UP);
        Settlement split = settled(done);
        assertThat(split.providerAmount() + split.fee()).isEqualTo(50_000L * 12_000 / 3_600);
        assertThat(split.refund()).isEqualTo(quote.escrowAmount() - 50_000L * 12_000 / 3_600);

        Order other = running(quote(1, 120, HUNDRED), 400_000L);
        provider.meter(other.resourceId(), 50_000);   // a provider overrunning every limit
        provider.end(other.resourceId(), ResourceStatus.SUCCEEDED);
        meter.meterAll();
        Settlement capped = settled(orders.find(other.orderId()).orElseThrow());
        assertThat(capped.providerAmount() + capped.fee()).as("capped at 100 tasks x 120 core-seconds").isEqualTo(50_000L * 12_000 / 3_600);
    }

    @Test
    void aClusterFaultWithinTheGraceRefundsEverything() {
        Order order = running(quote(1, 600, TaskPlan.SINGLE), 20_000L);
        clock.advance(Duration.ofSeconds(40));
        provider.meter(order.resourceId(), 0);
        provider.end(order.resourceId(), ResourceStatus.FAILED);
        meter.meterAll();
        Order failed = orders.find(order.orderId()).orElseThrow();
        assertThat(failed.usage().endReason()).isEqualTo(EndReason.RESOURCE_FAILED);
        assertThat(settled(failed).refund()).isEqualTo(20_000L);
    }

    @Test
    void onlyAPartitionTakesSweepsAndWorkflowsAndAWorkflowsTemplatesMustBeTheOffers() {
        assertThatThrownBy(() -> quoting.quote(ALICE, new QuoteService.QuoteRequest("local-cpu", 1, 600, "prime-sieve", Map.of(), HUNDRED)))
                .isInstanceOf(DomainException.class).hasMessageContaining("not sweeps or workflows");
        TaskPlan foreign = TaskPlan.workflow(List.of(new TaskPlan.Step("a", "pi", Map.of(), List.of()),
                new TaskPlan.Step("b", "rm-rf", Map.of(), List.of("a"))));
        assertThatThrownBy(() -> quote(1, 600, foreign)).isInstanceOf(DomainException.class).hasMessageContaining("template");
        TaskPlan workflow = TaskPlan.workflow(List.of(new TaskPlan.Step("a", "pi", Map.of(), List.of()),
                new TaskPlan.Step("b", "sleep", Map.of(), List.of("a")), new TaskPlan.Step("c", "pi", Map.of(), List.of("a", "b"))));
        assertThat(quote(4, 600, workflow).terms().units()).isEqualTo(12);
    }

    @Test
    void aSweepOfAnOfferWhoseProviderRunsNoPlansIsRefundedInFullNotRunOnceAndBilledForAll() {
        FakeProvisioner machines = new FakeProvisioner(clock);
        Provisioners only = new Provisioners(List.of(machines));
        ProvisionService launching = new ProvisionService(orders, only, new InMemoryInstanceRepository(), queue, new RecordingMetrics(), clock, "test",
                new InMemoryIdempotencyStore());
        Quote quote = quote(1, 600, HUNDRED);
        Order order = ordering.create(ALICE, quote.quoteId());
        funding.apply(new EscrowEvent.Deposited(new EventKey("0xtx", 0), 1, "0xb", order.orderId(), ALICE, ALICE, quote.escrowAmount(),
                quote.escrowAmount()));
        assertThat(launching.provision(order.orderId()).orElseThrow().state()).isEqualTo(OrderState.SETTLING);
        assertThat(machines.resourcesCreated()).isZero();
        assertThat(settled(orders.find(order.orderId()).orElseThrow()).refund()).isEqualTo(quote.escrowAmount());
    }

    @Test
    void twoDeliveriesRacingToLaunchOnASchedulerWithoutIdempotentSubmitLaunchOnce() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        FakeProvisioner scheduler = new FakeProvisioner(clock).runningTaskPlans().withoutLaunchDeduplication(entered, proceed);
        ProvisionService launching = new ProvisionService(orders, new Provisioners(List.of(scheduler)), new InMemoryInstanceRepository(), queue,
                new RecordingMetrics(), clock, "test", new InMemoryIdempotencyStore());
        Quote quote = quote(1, 600, HUNDRED);
        Order order = ordering.create(ALICE, quote.quoteId());
        funding.apply(new EscrowEvent.Deposited(new EventKey("0xtx", 0), 1, "0xb", order.orderId(), ALICE, ALICE, quote.escrowAmount(),
                quote.escrowAmount()));
        // The order was claimed (PROVISIONING) by the first delivery; a redelivery comes while it launches.
        try (ExecutorService deliveries = Executors.newFixedThreadPool(2)) {
            Future<Optional<Order>> first = deliveries.submit(() -> launching.provision(order.orderId()));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Optional<Order>> second = deliveries.submit(() -> launching.provision(order.orderId()));

            assertThatThrownBy(second::get).cause().isInstanceOfSatisfying(ProvisionException.class,
                    refused -> assertThat(refused.retryable()).isTrue());
            proceed.countDown();
            assertThat(first.get().orElseThrow().state()).isEqualTo(OrderState.RUNNING);
        }
        assertThat(scheduler.resourcesCreated()).isEqualTo(1);
        assertThat(launching.provision(order.orderId()).orElseThrow().state()).as("a late redelivery").isEqualTo(OrderState.RUNNING);
        assertThat(scheduler.resourcesCreated()).isEqualTo(1);
    }

    @Test
    void aPlanIsASweepOrAnAcyclicWorkflowOfNamedSteps() {
        assertThatThrownBy(() -> TaskPlan.Sweep.range("seed", 1, 1_001, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TaskPlan.Sweep("seed", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskPlan.workflow(List.of(new TaskPlan.Step("a", "pi", Map.of(), List.of("b")),
                new TaskPlan.Step("b", "pi", Map.of(), List.of())))).as("only earlier steps").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskPlan.workflow(List.of(new TaskPlan.Step("a", "pi", Map.of(), List.of()),
                new TaskPlan.Step("a", "pi", Map.of(), List.of())))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskPlan.workflow(List.of(new TaskPlan.Step("a", "pi", Map.of(), List.of()))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TaskPlan.Step("A b", "pi", Map.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(TaskPlan.Sweep.range("seed", 0, 9, 3).values()).containsExactly("0", "3", "6", "9");
        assertThatThrownBy(() -> TaskPlan.Sweep.range("seed", Long.MIN_VALUE, Long.MAX_VALUE, 1)).as("no overflow")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TaskPlan.Sweep.range("seed", Long.MAX_VALUE - 2, Long.MAX_VALUE, 5).values()).containsExactly(Long.toString(Long.MAX_VALUE - 2));
    }
}
