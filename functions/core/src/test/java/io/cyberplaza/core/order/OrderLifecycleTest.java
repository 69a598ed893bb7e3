package io.cyberplaza.core.order;

import io.cyberplaza.core.escrow.EscrowEventRouter;
import io.cyberplaza.core.fakes.TestMarket;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.escrow.EventKey;
import io.cyberplaza.core.fakes.InMemoryDepositLedger;
import io.cyberplaza.core.fakes.InMemoryOrderRepository;
import io.cyberplaza.core.fakes.InMemoryQuoteRepository;
import io.cyberplaza.core.fakes.InMemorySettlementRepository;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.RecordingWorkQueue;
import io.cyberplaza.core.fakes.StaticOfferCatalog;
import io.cyberplaza.core.fakes.TestOffers;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.quote.Quote;
import io.cyberplaza.core.quote.QuoteService;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementCalculator;
import io.cyberplaza.core.settlement.SettlementStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quote, order, deposits and expiry against in-memory fakes of every port. */
class OrderLifecycleTest {
    private static final String ALICE = "0x00000000000000000000000000000000000000a1";
    private static final String BOB = "0x00000000000000000000000000000000000000b0";
    private static final long ESCROW = 12_000_000L; // 1 hour at 10 USDC plus 20 %

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final InMemoryQuoteRepository quotes = new InMemoryQuoteRepository();
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final InMemoryDepositLedger ledger = new InMemoryDepositLedger();
    private final InMemorySettlementRepository settlements = new InMemorySettlementRepository();
    private final RecordingWorkQueue queue = new RecordingWorkQueue();
    private final QuoteService quoteService = new QuoteService(new StaticOfferCatalog(TestOffers.LOCAL_CPU),
            TestMarket.atPar(clock), quotes, clock);
    private final OrderService orderService = new OrderService(quotes, orders, clock);
    private final EscrowEventRouter funding = new EscrowEventRouter(ledger, settlements, List.of(new OrderFunding(orders, queue,
            io.cyberplaza.core.metrics.Metrics.NONE, OrderFunding.ResourceStop.NONE, clock)), (id, why) -> { },
            EscrowEventRouter.DisputeEvents.NONE);
    private final OrderExpiry expiry = new OrderExpiry(orders, queue, clock);
    private final AtomicInteger logIndex = new AtomicInteger();

    private Order newOrder(String owner) {
        Quote quote = quoteService.quote(owner, new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of()));
        return orderService.create(owner, quote.quoteId());
    }

    private EscrowEvent.Deposited deposit(Order order, long amount) {
        return new EscrowEvent.Deposited(new EventKey("0xtx" + logIndex.incrementAndGet(), 0), 100, "0xblock", order.orderId(),
                order.owner(), order.owner(), amount, amount);
    }

    private Order stored(Order order) {
        return orders.find(order.orderId()).orElseThrow();
    }

    @Nested
    class Creating {
        @Test
        void anOrderCarriesTheQuotesTermsAndIsCreatedOncePerQuote() {
            Quote quote = quoteService.quote(ALICE, new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of()));
            Order order = orderService.create(ALICE, quote.quoteId());
            assertThat(order.escrowAmount()).isEqualTo(ESCROW);
            assertThat(order.terms()).isEqualTo(quote.terms());
            assertThat(order.state()).isEqualTo(OrderState.QUOTED);
            assertThat(order.orderId()).matches("0x[0-9a-f]{64}");
            assertThat(orderService.create(ALICE, quote.quoteId())).isEqualTo(order);
            assertThat(orderService.mine(ALICE)).containsExactly(order);
        }

        @Test
        void anExpiredQuoteOrSomeoneElsesIsRefused() {
            Quote quote = quoteService.quote(ALICE, new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of()));
            assertThatThrownBy(() -> orderService.create(BOB, quote.quoteId()))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND));
            clock.advance(QuoteService.VALIDITY);
            assertThatThrownBy(() -> orderService.create(ALICE, quote.quoteId()))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.QUOTE_EXPIRED));
        }

        @Test
        void aUserSeesOnlyTheirOwnOrders() {
            Order order = newOrder(ALICE);
            assertThat(orderService.get(ALICE, order.orderId())).isEqualTo(order);
            assertThatThrownBy(() -> orderService.get(BOB, order.orderId()))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND));
            assertThat(orderService.mine(BOB)).isEmpty();
        }

        @Test
        void anAccountHoldsAtMostFiveUnpaidOrdersUntilOneIsPaidOrLapses() {
            Quote first = quoteService.quote(ALICE, new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of()));
            List<Order> held = new java.util.ArrayList<>(List.of(orderService.create(ALICE, first.quoteId())));
            for (int i = 1; i < OrderService.MAX_UNPAID; i++) held.add(newOrder(ALICE));
            Quote sixth = quoteService.quote(ALICE, new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of()));
            assertThatThrownBy(() -> orderService.create(ALICE, sixth.quoteId()))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.TOO_MANY_UNPAID));
            assertThat(orderService.create(ALICE, first.quoteId()))
                    .as("asking again for an order already made is no new hold").isEqualTo(held.getFirst());
            assertThat(newOrder(BOB)).as("another account's own cap").isNotNull();

            funding.apply(deposit(held.getFirst(), ESCROW));
            assertThat(orderService.create(ALICE, sixth.quoteId()).state()).as("paying one frees a place").isEqualTo(OrderState.QUOTED);
            clock.advance(OrderService.FUNDING_WINDOW);
            Quote seventh = quoteService.quote(ALICE, new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of()));
            assertThat(orderService.create(ALICE, seventh.quoteId()).state()).as("lapsed ones hold nothing").isEqualTo(OrderState.QUOTED);
        }
    }

    @Nested
    class Funding {
        @Test
        void anExactDepositFundsTheOrderAndQueuesProvisioning() {
            Order order = newOrder(ALICE);
            funding.apply(deposit(order, ESCROW));
            assertThat(stored(order).state()).isEqualTo(OrderState.FUNDED);
            assertThat(stored(order).deposited()).isEqualTo(ESCROW);
            assertThat(queue.ordersSentTo(WorkQueue.Topic.PROVISION)).containsExactly(order.orderId());
        }

        @Test
        void anUnderfundedOrderWaitsForATopUp() {
            Order order = newOrder(ALICE);
            funding.apply(deposit(order, 5_000_000L));
            assertThat(stored(order).state()).isEqualTo(OrderState.QUOTED);
            assertThat(stored(order).deposited()).isEqualTo(5_000_000L);
            assertThat(queue.sent()).isEmpty();

            funding.apply(deposit(order, 7_000_000L));
            assertThat(stored(order).state()).isEqualTo(OrderState.FUNDED);
            assertThat(stored(order).deposited()).isEqualTo(ESCROW);
        }

        @Test
        void anOverpaymentFundsTheOrderAndIsRefundedAtSettlement() {
            Order order = newOrder(ALICE);
            funding.apply(deposit(order, 20_000_000L));
            Order funded = stored(order);
            assertThat(funded.state()).isEqualTo(OrderState.FUNDED);
            Order ran = funded.withUsage(new Usage(clock.instant(), clock.instant().plusSeconds(3_600), 3_600, 0,
                    EndReason.TIME_UP), clock.instant());
            Settlement split = SettlementCalculator.split(ran, clock.instant());
            assertThat(split.refund()).isEqualTo(10_000_000L);
        }

        @Test
        void aRedeliveredDepositCountsOnceButStillQueuesProvisioning() {
            Order order = newOrder(ALICE);
            EscrowEvent.Deposited event = deposit(order, ESCROW);
            funding.apply(event);
            funding.apply(event);
            assertThat(stored(order).deposited()).isEqualTo(ESCROW);
            assertThat(stored(order).version()).isEqualTo(1);
            // Re-sent on purpose: a crash after the write but before the first send is repaired this way.
            assertThat(queue.ordersSentTo(WorkQueue.Topic.PROVISION)).containsExactly(order.orderId(), order.orderId());
        }

        @Test
        void aDepositAfterExpiryIsRefundedInFull() {
            Order order = newOrder(ALICE);
            clock.advance(OrderService.FUNDING_WINDOW.plus(OrderExpiry.CONFIRMATION_GRACE));
            assertThat(expiry.expireDue()).isEqualTo(1);
            assertThat(stored(order).state()).isEqualTo(OrderState.EXPIRED);
            assertThat(queue.sent()).as("nothing to refund yet").isEmpty();

            funding.apply(deposit(order, ESCROW));
            Order late = stored(order);
            assertThat(late.state()).isEqualTo(OrderState.SETTLING);
            assertThat(queue.ordersSentTo(WorkQueue.Topic.SETTLE)).containsExactly(order.orderId());
            Settlement split = SettlementCalculator.split(late, clock.instant());
            assertThat(split.refund()).isEqualTo(ESCROW);
            assertThat(split.providerAmount() + split.fee()).isZero();
        }

        @Test
        void aReorgThatRemovesTheFundingDepositUnfundsTheOrder() {
            Order order = newOrder(ALICE);
            EscrowEvent.Deposited event = deposit(order, ESCROW);
            funding.apply(event);
            funding.undo(event);
            assertThat(stored(order).state()).isEqualTo(OrderState.QUOTED);
            assertThat(stored(order).deposited()).isZero();
            assertThat(ledger.findByOrder(order.orderId())).isEmpty();
        }

        @Test
        void aConfirmedSettlementClosesTheOrder() {
            Order order = newOrder(ALICE);
            funding.apply(deposit(order, ESCROW));
            Order settling = stored(order).moveTo(OrderState.SETTLING, clock.instant()).asNextVersionOf(stored(order));
            orders.replace(stored(order), settling);
            Settlement computed = SettlementCalculator.split(settling.withUsage(Usage.neverStarted(clock.instant()),
                    clock.instant()), clock.instant());
            settlements.create(computed);
            settlements.replace(computed, computed.submitted("settle:" + order.orderId()));

            EscrowEvent.Settled settled = new EscrowEvent.Settled(new EventKey("0xsettle", 1), 120, "0xb", order.orderId(), order.owner(),
                    computed.provider(), 0, 0, ESCROW, computed.releaseAt());
            funding.apply(settled);
            funding.apply(settled);
            assertThat(stored(order).state()).isEqualTo(OrderState.SETTLED);
            assertThat(settlements.find(order.orderId()).orElseThrow().status()).isEqualTo(SettlementStatus.CONFIRMED);

            funding.undo(settled);
            assertThat(stored(order).state()).as("a reorg puts it back in settlement").isEqualTo(OrderState.SETTLING);
            assertThat(settlements.find(order.orderId()).orElseThrow().status()).isEqualTo(SettlementStatus.SUBMITTED);
        }
    }

    @Nested
    class Expiring {
        @Test
        void anUnfundedOrderExpiresOnlyAfterTheWindowAndTheConfirmationGrace() {
            Order order = newOrder(ALICE);
            clock.advance(OrderService.FUNDING_WINDOW);
            assertThat(expiry.expireDue()).isZero();
            clock.advance(OrderExpiry.CONFIRMATION_GRACE);
            assertThat(expiry.expireDue()).isEqualTo(1);
            assertThat(expiry.expireDue()).as("idempotent").isZero();
            assertThat(stored(order).state()).isEqualTo(OrderState.EXPIRED);
        }

        @Test
        void aPartlyFundedOrderThatExpiresIsRefunded() {
            Order order = newOrder(ALICE);
            funding.apply(deposit(order, 3_000_000L));
            clock.advance(OrderService.FUNDING_WINDOW.plus(OrderExpiry.CONFIRMATION_GRACE).plus(Duration.ofSeconds(1)));
            expiry.expireDue();
            assertThat(stored(order).state()).isEqualTo(OrderState.SETTLING);
            assertThat(queue.ordersSentTo(WorkQueue.Topic.SETTLE)).containsExactly(order.orderId());
            assertThat(SettlementCalculator.split(stored(order), clock.instant()).refund()).isEqualTo(3_000_000L);
        }
    }
}
