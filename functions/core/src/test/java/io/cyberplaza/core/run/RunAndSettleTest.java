package io.cyberplaza.core.run;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.escrow.EscrowEventRouter;
import io.cyberplaza.core.escrow.EventKey;
import io.cyberplaza.core.fakes.FakeProvisioner;
import io.cyberplaza.core.fakes.InMemoryCapacityLedger;
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
import io.cyberplaza.core.order.EndReason;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderFunding;
import io.cyberplaza.core.order.OrderService;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.order.OrderUpdater;
import io.cyberplaza.core.order.Usage;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.quote.QuoteService;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementService;
import io.cyberplaza.core.settlement.SettlementStatus;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.ResourceStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Provision, meter, complete and settle against in-memory fakes of every port. */
class RunAndSettleTest {
    private static final String ALICE = "0x00000000000000000000000000000000000000a1";
    private static final long ESCROW = 12_000_000L; // 1 hour at 10 USDC plus 20 %

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final InMemoryQuoteRepository quotes = new InMemoryQuoteRepository();
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final InMemorySettlementRepository settlements = new InMemorySettlementRepository();
    private final InMemoryDepositLedger ledger = new InMemoryDepositLedger();
    private final RecordingWorkQueue queue = new RecordingWorkQueue();
    private final FakeProvisioner provider = new FakeProvisioner(clock);
    private final InMemoryInstanceRepository instances = new InMemoryInstanceRepository();
    private final Provisioners provisioners = new Provisioners(List.of(provider));
    private final QuoteService quoteService = new QuoteService(new StaticOfferCatalog(TestOffers.LOCAL_CPU), TestMarket.atPar(clock), quotes, clock);
    private final OrderService orderService = new OrderService(quotes, orders, clock);
    private final EscrowEventRouter funding = new EscrowEventRouter(ledger, settlements,
            List.of(new OrderFunding(orders, queue, metrics, OrderFunding.ResourceStop.NONE, clock)), (id, why) -> { },
            EscrowEventRouter.DisputeEvents.NONE);
    private final ProvisionService provisioning = new ProvisionService(orders, provisioners, instances, queue, metrics, clock, "test",
            new InMemoryIdempotencyStore());
    private final CompletionService completion = new CompletionService(orders, provisioners, queue, clock);
    private final MeterService meter = new MeterService(orders, provisioners, completion, clock);
    private final RecordingEscrowSettler escrow = new RecordingEscrowSettler();
    private final SettlementService settlement = new SettlementService(orders, settlements, escrow, clock);
    private final StalledOrders stalled = new StalledOrders(orders, settlements, completion, queue, clock, Duration.ofMinutes(10));
    private final AtomicInteger logs = new AtomicInteger();

    private Order fundedOrder(long deposit) {
        var quote = quoteService.quote(ALICE, new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of()));
        Order order = orderService.create(ALICE, quote.quoteId());
        funding.apply(new EscrowEvent.Deposited(new EventKey("0xtx" + logs.incrementAndGet(), 0), 1, "0xb", order.orderId(),
                ALICE, ALICE, deposit, deposit));
        return stored(order);
    }

    private Order runningOrder() {
        Order order = fundedOrder(ESCROW);
        return provisioning.provision(order.orderId()).orElseThrow();
    }

    private Order stored(Order order) {
        return orders.find(order.orderId()).orElseThrow();
    }

    private Settlement settle(Order order) {
        settlement.settle(List.of(order.orderId()));
        return settlements.find(order.orderId()).orElseThrow();
    }

    @Nested
    class Provisioning {
        @Test
        void aFundedOrderIsLaunchedOnceHoweverOftenTheMessageComes() {
            Order order = fundedOrder(ESCROW);
            Order running = provisioning.provision(order.orderId()).orElseThrow();
            provisioning.provision(order.orderId());
            assertThat(running.state()).isEqualTo(OrderState.RUNNING);
            assertThat(running.resourceId()).isEqualTo("res-1");
            assertThat(running.usage().startedAt()).isEqualTo(clock.instant());
            assertThat(provider.resourcesCreated()).isEqualTo(1);
        }

        @Test
        void aCrashBetweenClaimingAndLaunchingIsFinishedByTheRedelivery() {
            Order order = fundedOrder(ESCROW);
            provider.failNextLaunch(new ProvisionException(ProvisionException.Reason.THROTTLED, "slow down"));
            assertThatThrownBy(() -> provisioning.provision(order.orderId())).isInstanceOf(ProvisionException.class);
            assertThat(stored(order).state()).isEqualTo(OrderState.PROVISIONING);

            assertThat(provisioning.provision(order.orderId()).orElseThrow().state()).isEqualTo(OrderState.RUNNING);
            assertThat(provider.resourcesCreated()).isEqualTo(1);
        }

        @Test
        void aLaunchRefusedForGoodIsRefundedInFull() {
            Order order = fundedOrder(ESCROW);
            provider.failNextLaunch(new ProvisionException(ProvisionException.Reason.INVALID, "no such template"));
            assertThat(provisioning.provision(order.orderId()).orElseThrow().state()).isEqualTo(OrderState.SETTLING);
            assertThat(queue.ordersSentTo(WorkQueue.Topic.SETTLE)).containsExactly(order.orderId());
            assertThat(stored(order).usage().endReason()).isEqualTo(EndReason.PROVISION_FAILED);
            Settlement split = settle(stored(order));
            assertThat(split.refund()).isEqualTo(ESCROW);
            assertThat(split.providerAmount()).isZero();
        }

        @Test
        void aFailedLaunchLeftBeforeItsSettlementIsSentOnByTheStallSweep() {
            Order order = fundedOrder(ESCROW);
            new OrderUpdater(orders).update(order.orderId(), o -> Optional.of(o.moveTo(OrderState.PROVISIONING, clock.instant())
                    .withUsage(Usage.provisionFailed(clock.instant()), clock.instant())
                    .moveTo(OrderState.PROVISION_FAILED, clock.instant())));
            clock.advance(Duration.ofMinutes(11));

            assertThat(stalled.redrive().provisionsRequested()).isEqualTo(1);
            assertThat(queue.ordersSentTo(WorkQueue.Topic.PROVISION)).contains(order.orderId());
            assertThat(provisioning.provision(order.orderId()).orElseThrow().state()).isEqualTo(OrderState.SETTLING);
            assertThat(queue.ordersSentTo(WorkQueue.Topic.SETTLE)).containsExactly(order.orderId());
            assertThat(settle(stored(order)).refund()).isEqualTo(ESCROW);
            assertThat(provider.resourcesCreated()).isZero();
        }

        @Test
        void anUnfundedOrderIsNotLaunched() {
            var quote = quoteService.quote(ALICE, new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of()));
            Order order = orderService.create(ALICE, quote.quoteId());
            assertThat(provisioning.provision(order.orderId()).orElseThrow().state()).isEqualTo(OrderState.QUOTED);
            assertThat(provider.resourcesCreated()).isZero();
        }
    }

    @Nested
    class Metering {
        @Test
        void usageAccruesAndTheBuyerIsWarnedOnceAtEightyPercent() {
            Order order = runningOrder();
            clock.advance(Duration.ofMinutes(30));
            assertThat(meter.meterAll()).isEqualTo(new MeterService.MeterReport(1, 0, 0, 0));
            assertThat(stored(order).usage().usedSeconds()).isEqualTo(1_800);

            clock.advance(Duration.ofMinutes(28)); // 58 min: 9.67 of 12 USDC is past 80 %
            assertThat(meter.meterAll().warned()).isEqualTo(1);
            clock.advance(Duration.ofMinutes(1));
            assertThat(meter.meterAll().warned()).as("once").isZero();
        }

        @Test
        void anOrderWhoseVendorCannotBeReadDoesNotKeepTheOthersUnmetered() {
            Order unreadable = runningOrder();
            Order readable = runningOrder();
            provider.unreadable(unreadable.resourceId(), new ProvisionException(ProvisionException.Reason.THROTTLED, "slow down"));
            clock.advance(Duration.ofMinutes(61));
            assertThat(meter.meterAll()).isEqualTo(new MeterService.MeterReport(1, 0, 1, 1));
            assertThat(stored(readable).state()).isEqualTo(OrderState.SETTLING);
            assertThat(stored(unreadable).state()).isEqualTo(OrderState.RUNNING);

            provider.readable(unreadable.resourceId());
            meter.meterAll();
            assertThat(stored(unreadable).state()).as("read again on the next run").isEqualTo(OrderState.SETTLING);
        }

        @Test
        void aFaultOtherThanTheVendorsIsRaisedOnlyAfterTheOthersAreMetered() {
            Order broken = runningOrder();
            Order healthy = runningOrder();
            provider.unreadable(broken.resourceId(), new IllegalStateException("a row the code cannot read"));
            clock.advance(Duration.ofMinutes(61));
            assertThatThrownBy(meter::meterAll).isInstanceOf(IllegalStateException.class);
            assertThat(stored(healthy).state()).isEqualTo(OrderState.SETTLING);
        }

        @Test
        void theEndOfThePurchasedTimeCompletesTheOrder() {
            Order order = runningOrder();
            clock.advance(Duration.ofMinutes(61));
            assertThat(meter.meterAll().completed()).isEqualTo(1);
            Order done = stored(order);
            assertThat(done.state()).isEqualTo(OrderState.SETTLING);
            assertThat(done.usage().endReason()).isEqualTo(EndReason.TIME_UP);
            Settlement split = settle(done);
            assertThat(split.providerAmount() + split.fee()).isEqualTo(10_000_000L);
            assertThat(split.refund()).isEqualTo(2_000_000L);
            assertThat(provider.describe(done.resourceId()).orElseThrow().status()).isEqualTo(ResourceStatus.TERMINATED);
        }

        @Test
        void aWorkloadItsProviderStoppedAtThePurchasedTimeEndedBecauseTheTimeWasUp() {
            Order order = runningOrder();
            clock.advance(Duration.ofMinutes(60));
            // The provider's own watchdog stops it on the hour, a moment before the meter looks.
            provider.end(order.resourceId(), ResourceStatus.TERMINATED);
            clock.advance(Duration.ofSeconds(20));
            meter.meterAll();
            Order done = stored(order);
            assertThat(done.usage().endReason()).isEqualTo(EndReason.TIME_UP);
            Settlement split = settle(done);
            assertThat(split.providerAmount() + split.fee()).isEqualTo(10_000_000L);
            assertThat(split.refund()).isEqualTo(2_000_000L);
        }

        @Test
        void anEscrowThatCanPayForNoMoreStopsTheOrder() {
            Order order = runningOrder();
            // A reorg took part of the deposit away after the order started.
            orders.replace(stored(order), stored(order).withDeposited(5_000_000L, clock.instant()));
            clock.advance(Duration.ofMinutes(31));
            meter.meterAll();
            Order done = stored(order);
            assertThat(done.usage().endReason()).isEqualTo(EndReason.ESCROW_EXHAUSTED);
            Settlement split = settle(done);
            assertThat(split.providerAmount() + split.fee()).isEqualTo(5_000_000L);
            assertThat(split.refund()).isZero();
        }

        @Test
        void aResourceThatFailsInItsFirstFiveMinutesIsRefundedInFull() {
            Order order = runningOrder();
            clock.advance(Duration.ofMinutes(4));
            provider.end(order.resourceId(), ResourceStatus.FAILED);
            meter.meterAll();
            Order done = stored(order);
            assertThat(done.usage().endReason()).isEqualTo(EndReason.RESOURCE_FAILED);
            assertThat(settle(done).refund()).isEqualTo(ESCROW);
        }

        @Test
        void aFinishedWorkloadEndsTheOrderAndLostTimeIsNotBilled() {
            Order order = runningOrder();
            clock.advance(Duration.ofMinutes(20));
            provider.loseSeconds(order.resourceId(), 300);
            provider.end(order.resourceId(), ResourceStatus.SUCCEEDED);
            meter.meterAll();
            Order done = stored(order);
            assertThat(done.usage().endReason()).isEqualTo(EndReason.RESOURCE_GONE);
            Settlement split = settle(done);
            assertThat(split.providerAmount() + split.fee()).isEqualTo(2_500_000L); // 15 of 20 minutes
        }
    }

    @Nested
    class Completing {
        @Test
        void theBuyerCompletesAndOnlyTheBuyerCan() {
            Order order = runningOrder();
            clock.advance(Duration.ofMinutes(30));
            assertThatThrownBy(() -> completion.completeByOwner("0x00000000000000000000000000000000000000b0", order.orderId()))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND));
            Order done = completion.completeByOwner(ALICE, order.orderId());
            assertThat(done.state()).isEqualTo(OrderState.SETTLING);
            assertThat(done.usage().usedSeconds()).isEqualTo(1_800);
            assertThat(completion.completeByOwner(ALICE, order.orderId()).state()).as("idempotent").isEqualTo(OrderState.SETTLING);
            Settlement split = settle(done);
            assertThat(split.fee()).isEqualTo(200_000L);             // 4 % of 5 USDC (VERIFIED)
            assertThat(split.providerAmount()).isEqualTo(4_800_000L);
            assertThat(split.refund()).isEqualTo(7_000_000L);
            assertThat(split.releaseAt()).isEqualTo(clock.instant().getEpochSecond() + 72 * 3_600);
        }

        @Test
        void aBuyerWhoStopsWhileTheVendorIsUnreachableIsAnsweredAndBilledOnlyToThatMoment() {
            Order order = runningOrder();
            clock.advance(Duration.ofMinutes(30));
            provider.failNextStop(new ProvisionException(ProvisionException.Reason.TRANSIENT, "circuit open"));
            Order stopping = completion.completeByOwner(ALICE, order.orderId());
            assertThat(stopping.state()).isEqualTo(OrderState.STOPPING);
            assertThat(stopping.usage().endReason()).isEqualTo(EndReason.USER_COMPLETED);

            clock.advance(Duration.ofMinutes(10));
            assertThat(stalled.redrive().stopsResumed()).isEqualTo(1);
            Order settling = stored(order);
            assertThat(settling.state()).isEqualTo(OrderState.SETTLING);
            assertThat(settling.usage().usedSeconds()).as("billed to the buyer's stop").isEqualTo(1_800);
            assertThat(provider.describe(order.resourceId()).orElseThrow().status()).isEqualTo(ResourceStatus.TERMINATED);
        }

        @Test
        void completingBeforeTheStartRefundsEverything() {
            Order order = fundedOrder(ESCROW);
            assertThat(completion.completeByOwner(ALICE, order.orderId()).state()).isEqualTo(OrderState.SETTLING);
            assertThat(settle(stored(order)).refund()).isEqualTo(ESCROW);
        }
    }

    @Nested
    class Settling {
        private List<Order> twoOrdersCompletedAfterTenMinutes() {
            Order first = runningOrder();
            Order second = runningOrder();
            clock.advance(Duration.ofMinutes(10));
            completion.complete(first.orderId(), EndReason.USER_COMPLETED);
            completion.complete(second.orderId(), EndReason.USER_COMPLETED);
            return List.of(first, second);
        }

        @Test
        void readyOrdersAreSettledInOneBatchAndOnlyOnce() {
            List<Order> completed = twoOrdersCompletedAfterTenMinutes();
            Order first = completed.get(0);
            Order second = completed.get(1);

            List<Settlement> batch = settlement.settle(List.of(first.orderId(), second.orderId()));
            settlement.settle(List.of(first.orderId(), second.orderId())); // redelivered
            assertThat(batch).hasSize(2);
            assertThat(escrow.sent()).hasSize(1);
            List<Settlement> sent = escrow.sent().values().iterator().next();
            assertThat(sent).extracting(Settlement::orderId).containsExactlyInAnyOrder(first.orderId(), second.orderId());
            assertThat(sent).allSatisfy(s -> assertThat(s.providerAmount() + s.fee() + s.refund()).isEqualTo(s.deposit()));
            assertThat(settlements.find(first.orderId()).orElseThrow().status()).isEqualTo(SettlementStatus.SUBMITTED);
        }

        @Test
        void aRowMarkedUnderATransactionRecordedWithoutItIsSentAloneByRecovery() {
            List<Order> completed = twoOrdersCompletedAfterTenMinutes();
            Order first = completed.get(0);
            Order second = completed.get(1);
            // A reader caught the batch half re-marked and recorded its id with the first row only.
            Settlement a = settlement.fix(io.cyberplaza.core.settlement.SettlementCalculator.split(stored(first), clock.instant())).orElseThrow();
            Settlement b = settlement.fix(io.cyberplaza.core.settlement.SettlementCalculator.split(stored(second), clock.instant())).orElseThrow();
            settlements.replace(a, a.submitted("settle:half"));
            settlements.replace(b, b.submitted("settle:half"));
            escrow.submit("settle:half", List.of(a));

            assertThat(settlement.resubmitUnsent()).isEqualTo(1);
            Settlement resent = settlements.find(second.orderId()).orElseThrow();
            assertThat(resent.outboxTxId()).isNotEqualTo("settle:half");
            assertThat(escrow.sent().get(resent.outboxTxId())).extracting(Settlement::orderId).containsExactly(second.orderId());
            assertThat(settlement.resubmitUnsent()).as("carried now: nothing more to send").isZero();
            assertThat(escrow.sent()).hasSize(2);
        }

        @Test
        void anOrderNamedTwiceInOneBatchIsSettledInOneTransaction() {
            Order order = runningOrder();
            completion.complete(order.orderId(), EndReason.USER_COMPLETED);
            settlement.settle(List.of(order.orderId(), order.orderId()));
            assertThat(escrow.sent()).hasSize(1);
            Settlement marked = settlements.find(order.orderId()).orElseThrow();
            assertThat(escrow.sent().get(marked.outboxTxId())).extracting(Settlement::orderId).containsExactly(order.orderId());
        }

        @Test
        void aCrashAfterMarkingIsSentByRecoveryUnderTheSameId() {
            Order order = runningOrder();
            completion.complete(order.orderId(), EndReason.USER_COMPLETED);
            escrow.crashNext(1);
            assertThatThrownBy(() -> settlement.settle(List.of(order.orderId()))).isInstanceOf(IllegalStateException.class);
            Settlement marked = settlements.find(order.orderId()).orElseThrow();
            assertThat(marked.status()).isEqualTo(SettlementStatus.SUBMITTED);
            assertThat(escrow.sent()).isEmpty();

            assertThat(settlement.resubmitUnsent()).isEqualTo(1);
            assertThat(settlement.resubmitUnsent()).isZero();
            assertThat(escrow.sent()).containsOnlyKeys(marked.outboxTxId());
        }

        @Test
        void aTopUpThatLandsBeforeTheSettlementIsSentIsRefundedToo() {
            Order order = runningOrder();
            completion.complete(order.orderId(), EndReason.USER_COMPLETED);
            Settlement before = SettlementCalculatorAccess.splitNow(stored(order), clock);
            funding.apply(new EscrowEvent.Deposited(new EventKey("0xlate", 0), 9, "0xb", order.orderId(), ALICE, ALICE, 1_000_000L,
                    ESCROW + 1_000_000L));
            Settlement split = settle(stored(order));
            assertThat(split.deposit()).isEqualTo(ESCROW + 1_000_000L);
            assertThat(split.refund()).isEqualTo(before.refund() + 1_000_000L);
        }
    }

    @Nested
    class Capacity {
        private final InMemoryCapacityLedger capacity = new InMemoryCapacityLedger();
        private final OrderService limited = new OrderService(quotes, orders, capacity, io.cyberplaza.core.order.CouponPayments.NONE, queue, clock,
                OrderService.FUNDING_WINDOW, io.cyberplaza.core.escrow.TokenGuard.UNWATCHED);
        private final SettlementService settling = new SettlementService(orders, settlements, escrow, capacity, clock);
        private final io.cyberplaza.core.order.OrderExpiry expiring = new io.cyberplaza.core.order.OrderExpiry(orders, queue, capacity,
                io.cyberplaza.core.order.CouponPayments.NONE, clock, Duration.ZERO);

        private Order order(long seconds) {
            var quote = quoteService.quote(ALICE, new QuoteService.QuoteRequest("local-cpu", 1, seconds, "prime-sieve", Map.of()));
            return limited.create(ALICE, quote.quoteId());
        }

        @Test
        void ordersMadeFromManyWalletsAndNeverPaidHoldTheWindowOnlyUntilTheirFundingWindowEnds() {
            Duration fundingWindow = Duration.ofMinutes(5);
            OrderService quick = new OrderService(quotes, orders, capacity, io.cyberplaza.core.order.CouponPayments.NONE, queue, clock,
                    fundingWindow, io.cyberplaza.core.escrow.TokenGuard.UNWATCHED);
            capacity.define("local-cpu", List.of(io.cyberplaza.core.capacity.CapacityWindow.offered(clock.instant(),
                    clock.instant().plus(Duration.ofDays(1)), 10 * 3_600)));
            List<Order> held = new java.util.ArrayList<>();
            for (int wallet = 0; wallet < 10; wallet++) {
                String squatter = String.format("0x%040x", 0xbad000 + wallet);
                var quote = quoteService.quote(squatter, new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of()));
                held.add(quick.create(squatter, quote.quoteId()));
            }
            assertThat(capacity.windows("local-cpu").getFirst().availableUnitSeconds()).isZero();
            var honest = quoteService.quote(ALICE, new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of()));
            assertThatThrownBy(() -> quick.create(ALICE, honest.quoteId())).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.type()).isEqualTo(ErrorType.CAPACITY_EXHAUSTED));

            clock.advance(fundingWindow.minusSeconds(1));
            assertThat(expiring.expireDue()).as("inside the funding window a hold stands").isZero();
            clock.advance(Duration.ofSeconds(1));
            assertThat(expiring.expireDue()).isEqualTo(10);
            assertThat(held).allSatisfy(order -> assertThat(stored(order).state()).isEqualTo(OrderState.EXPIRED));
            assertThat(capacity.windows("local-cpu").getFirst().availableUnitSeconds()).isEqualTo(10 * 3_600);
            var again = quoteService.quote(ALICE, new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of()));
            assertThat(quick.create(ALICE, again.quoteId()).state()).isEqualTo(OrderState.QUOTED);
        }

        @Test
        void ordersAreNotSoldPastTheWindowAndWhatAnOrderDidNotUseComesBack() {
            capacity.define("local-cpu", List.of(io.cyberplaza.core.capacity.CapacityWindow.offered(clock.instant(),
                    clock.instant().plus(Duration.ofDays(1)), 2 * 3_600)));
            Order first = order(3_600);
            Order second = order(3_600);
            assertThatThrownBy(() -> order(60)).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.type()).isEqualTo(ErrorType.CAPACITY_EXHAUSTED));

            // The first runs ten minutes and settles: fifty minutes come back.
            funding.apply(new EscrowEvent.Deposited(new EventKey("0xcap", 0), 1, "0xb", first.orderId(), ALICE, ALICE, ESCROW, ESCROW));
            provisioning.provision(first.orderId());
            clock.advance(Duration.ofMinutes(10));
            completion.complete(first.orderId(), EndReason.USER_COMPLETED);
            settling.settle(List.of(first.orderId()));
            settling.settle(List.of(first.orderId()));
            assertThat(capacity.windows("local-cpu").getFirst().availableUnitSeconds()).isEqualTo(50 * 60);

            // The second is never paid and expires: its hour comes back.
            clock.advance(OrderService.FUNDING_WINDOW.plusMinutes(1));
            expiring.expireDue();
            assertThat(stored(second).state()).isEqualTo(OrderState.EXPIRED);
            assertThat(capacity.windows("local-cpu").getFirst().availableUnitSeconds()).isEqualTo(50 * 60 + 3_600);
        }

        @Test
        void anOrderItsOwnerReclaimsOnChainGivesBackWhatItDidNotUse() {
            EscrowEventRouter events = new EscrowEventRouter(ledger, settlements, List.of(new OrderFunding(orders, queue, metrics,
                    order -> provider.terminate(order.resourceId()), capacity, clock)), (id, why) -> { }, EscrowEventRouter.DisputeEvents.NONE);
            capacity.define("local-cpu", List.of(io.cyberplaza.core.capacity.CapacityWindow.offered(clock.instant(),
                    clock.instant().plus(Duration.ofDays(1)), 2 * 3_600)));
            Order order = order(3_600);
            events.apply(new EscrowEvent.Deposited(new EventKey("0xrec", 0), 1, "0xb", order.orderId(), ALICE, ALICE, ESCROW, ESCROW));
            provisioning.provision(order.orderId());
            clock.advance(Duration.ofMinutes(10));
            meter.meterAll();

            EscrowEvent.Reclaimed reclaimed = new EscrowEvent.Reclaimed(new EventKey("0xrec", 1), 2, "0xc", order.orderId(), ALICE, ESCROW);
            events.apply(reclaimed);
            events.apply(reclaimed);
            assertThat(stored(order).state()).isEqualTo(OrderState.RECLAIMED);
            assertThat(capacity.windows("local-cpu").getFirst().availableUnitSeconds()).as("the ten minutes it ran stay used")
                    .isEqualTo(3_600 + 50 * 60);
        }
    }

    @Nested
    class Measuring {
        @Test
        void statesSettlementLatencyAndVendorErrorsAreMeasuredOnce() {
            var measured = new io.cyberplaza.core.metrics.MeasuredOrderRepository(orders, metrics);
            var quote = quoteService.quote(ALICE, new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of()));
            Order order = new OrderService(quotes, measured, clock).create(ALICE, quote.quoteId());
            assertThat(metrics.states).containsExactly(OrderState.QUOTED);
            Order stored = stored(order);
            measured.replace(stored, stored.moveTo(OrderState.EXPIRED, clock.instant()).asNextVersionOf(stored));
            measured.replace(stored, stored.moveTo(OrderState.EXPIRED, clock.instant()).asNextVersionOf(stored)); // lost the race
            assertThat(metrics.states).containsExactly(OrderState.QUOTED, OrderState.EXPIRED);

            Order running = runningOrder();
            clock.advance(Duration.ofMinutes(10));
            completion.complete(running.orderId(), EndReason.USER_COMPLETED);
            settle(stored(running));
            clock.advance(Duration.ofSeconds(42));
            Settlement split = settlements.find(running.orderId()).orElseThrow();
            EscrowEvent.Settled settledEvent = new EscrowEvent.Settled(new EventKey("0xsettle", 0), 9, "0xb", running.orderId(),
                    ALICE, split.provider(), split.providerAmount(), split.fee(), split.refund(), split.releaseAt());
            funding.apply(settledEvent);
            funding.apply(settledEvent); // redelivered
            assertThat(metrics.settlementLatencies).containsExactly(Duration.ofSeconds(42));

            Order failing = fundedOrder(ESCROW);
            provider.failNextLaunch(new ProvisionException(ProvisionException.Reason.THROTTLED, "slow down"));
            assertThatThrownBy(() -> provisioning.provision(failing.orderId())).isInstanceOf(ProvisionException.class);
            assertThat(metrics.vendorErrors).containsExactly("local-process:THROTTLED");
        }
    }

    @Nested
    class Recovering {
        @Test
        void aFundedOrderWhoseProvisionMessageWasLostIsProvisionedOnceItStalls() {
            Order order = fundedOrder(ESCROW);
            queue.clear(); // the message died with the function that should have sent it
            assertThat(stalled.redrive().total()).as("not stalled yet").isZero();

            clock.advance(Duration.ofMinutes(10));
            assertThat(stalled.redrive()).isEqualTo(new StalledOrders.Report(1, 0, 0));
            assertThat(queue.ordersSentTo(WorkQueue.Topic.PROVISION)).containsExactly(order.orderId());
            provisioning.provision(order.orderId());
            provisioning.provision(order.orderId());
            assertThat(stored(order).state()).isEqualTo(OrderState.RUNNING);
            assertThat(provider.resourcesCreated()).isEqualTo(1);
        }

        @Test
        void anInterruptedStopKeepsTheReasonFirstDecidedAndFinishes() {
            Order order = runningOrder();
            clock.advance(Duration.ofMinutes(3));
            provider.end(order.resourceId(), ResourceStatus.FAILED);
            provider.failNextStop(new ProvisionException(ProvisionException.Reason.TRANSIENT, "vendor unreachable"));
            meter.meterAll();
            assertThat(stored(order).state()).isEqualTo(OrderState.STOPPING);

            // The buyer pressing stop meanwhile does not turn the SLA failure into an ordinary end.
            assertThat(completion.completeByOwner(ALICE, order.orderId()).usage().endReason()).isEqualTo(EndReason.RESOURCE_FAILED);
            assertThat(settle(stored(order)).refund()).isEqualTo(ESCROW);
        }

        @Test
        void aStopLeftHalfwayIsFinishedByTheSweep() {
            Order order = runningOrder();
            clock.advance(Duration.ofMinutes(20));
            provider.failNextStop(new ProvisionException(ProvisionException.Reason.THROTTLED, "slow down"));
            assertThat(completion.complete(order.orderId(), EndReason.TIME_UP).orElseThrow().state())
                    .as("decided, the vendor's part still to do").isEqualTo(OrderState.STOPPING);
            queue.clear();

            clock.advance(Duration.ofMinutes(10));
            assertThat(stalled.redrive()).isEqualTo(new StalledOrders.Report(0, 1, 0));
            Order settling = stored(order);
            assertThat(settling.state()).isEqualTo(OrderState.SETTLING);
            assertThat(settling.usage().endReason()).isEqualTo(EndReason.TIME_UP);
            assertThat(settling.usage().usedSeconds()).as("billed to the decision, not to the late stop").isEqualTo(1_200);
            assertThat(queue.ordersSentTo(WorkQueue.Topic.SETTLE)).containsExactly(order.orderId());
        }

        @Test
        void onlySettlingOrdersWithNothingMarkedAreSentToSettlementAgain() {
            Order unsent = runningOrder();
            Order marked = runningOrder();
            completion.complete(unsent.orderId(), EndReason.USER_COMPLETED);
            completion.complete(marked.orderId(), EndReason.USER_COMPLETED);
            settlement.settle(List.of(marked.orderId()));
            queue.clear();

            clock.advance(Duration.ofMinutes(10));
            assertThat(stalled.redrive()).isEqualTo(new StalledOrders.Report(0, 0, 1));
            assertThat(queue.ordersSentTo(WorkQueue.Topic.SETTLE)).containsExactly(unsent.orderId());
            assertThat(settlement.settle(queue.ordersSentTo(WorkQueue.Topic.SETTLE))).hasSize(1);
            assertThat(escrow.sent()).hasSize(2);
        }
    }

    /** Reads the calculator's split the way the service would, for comparisons. */
    private static final class SettlementCalculatorAccess {
        static Settlement splitNow(Order order, MutableClock clock) {
            return io.cyberplaza.core.settlement.SettlementCalculator.split(order, clock.instant());
        }
    }
}
