package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.escrow.EscrowEventRouter;
import io.cyberplaza.core.escrow.TokenGuard;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.escrow.EventKey;
import io.cyberplaza.core.fakes.InMemoryStores;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.RecordingEscrowSettler;
import io.cyberplaza.core.fakes.RecordingWorkQueue;
import io.cyberplaza.core.fakes.StaticOfferCatalog;
import io.cyberplaza.core.fakes.TestMarket;
import io.cyberplaza.core.fakes.TestOffers;
import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.order.CouponPayments;
import io.cyberplaza.core.order.EndReason;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderExpiry;
import io.cyberplaza.core.order.OrderFunding;
import io.cyberplaza.core.order.OrderService;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.order.OrderTerms;
import io.cyberplaza.core.order.OrderUpdater;
import io.cyberplaza.core.order.Usage;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.quote.Quote;
import io.cyberplaza.core.quote.QuoteService;
import io.cyberplaza.core.secret.EnvelopeCodeVault;
import io.cyberplaza.core.secret.LocalKeyWrapper;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementService;
import io.cyberplaza.core.settlement.SettlementStatus;
import io.cyberplaza.core.store.Stores;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resource coupons paying for orders: once, only for what they cover, and never lost to a crash or a race. */
class CouponPaymentTest {
    private static final String ALICE = "0x" + "a1".repeat(20), BOB = "0x" + "b2".repeat(20);
    private static final String OTHER_VENDOR = "0x" + "0e".repeat(20);
    private static final Duration WINDOW = Duration.ofMinutes(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final Stores stores = InMemoryStores.empty();
    private final GroupBuyStore store = stores.groupBuys();
    private final RecordingWorkQueue queue = new RecordingWorkQueue();
    private final RecordingEscrowSettler escrow = new RecordingEscrowSettler();
    private final EnvelopeCodeVault vault = new EnvelopeCodeVault(LocalKeyWrapper.ephemeral(), new byte[32]);
    private final CouponRedemption coupons = new CouponRedemption(store, stores.settlements());
    private final QuoteService quotes = new QuoteService(new StaticOfferCatalog(TestOffers.LOCAL_CPU), TestMarket.atPar(clock),
            stores.quotes(), clock);
    private final OrderService orders = orderService(coupons);
    private final OrderExpiry expiry = new OrderExpiry(stores.orders(), queue, CapacityLedger.UNLIMITED, coupons, clock, Duration.ZERO);
    private final SettlementService settlement = new SettlementService(stores.orders(), stores.settlements(), escrow,
            CapacityLedger.UNLIMITED, coupons, clock);
    private final EscrowEventRouter funding = new EscrowEventRouter(stores.deposits(), stores.settlements(),
            List.of(new OrderFunding(stores.orders(), queue, Metrics.NONE, OrderFunding.ResourceStop.NONE, clock)), (id, why) -> { },
            EscrowEventRouter.DisputeEvents.NONE);

    private OrderService orderService(CouponPayments payments) {
        return new OrderService(stores.quotes(), stores.orders(), CapacityLedger.UNLIMITED, payments, queue, clock, WINDOW, TokenGuard.UNWATCHED);
    }

    /** A coupon of {@code owner}'s, from a campaign whose vendor is paid at {@code payee}, its pledge settled on chain. */
    private Coupon coupon(String owner, Campaign.CampaignKind kind, String payee, long face, String unit, Duration life) {
        Coupon coupon = unsettledCoupon(owner, kind, payee, face, unit, life);
        pledgeSettledOnChain(coupon);
        return coupon;
    }

    /** A coupon whose pledge is paid but not yet settled: the chain can still undo the payment. */
    private Coupon unsettledCoupon(String owner, Campaign.CampaignKind kind, String payee, long face, String unit, Duration life) {
        String campaignId = "cmp-" + store.campaigns().size();
        Campaign campaign = Campaign.open(campaignId, "capacity", kind, "local-vendor", "bundle", List.of(new PriceTier(1, 5_000_000)), 1, 10, 10,
                clock.instant().plus(Duration.ofHours(1)), new Campaign.Supply(CouponSource.UPLOAD, payee, 4_000_000, face, unit));
        store.createCampaign(campaign);
        SealedCode code = vault.seal(List.of("CODE-" + campaignId)).getFirst();
        Coupon coupon = new Coupon("cpn_" + campaignId, campaignId, "local-vendor", kind.couponKind(), face, unit, code,
                clock.instant().plus(life), Coupon.CouponStatus.ALLOCATED, owner, "pledge-" + campaignId, null, 1);
        Pledge pledge = new Pledge(coupon.pledgeId(), campaignId, owner, 1, 5_000_000, 5_000_000, Pledge.PledgeStatus.FUNDED, 1,
                clock.instant(), 1);
        assertThat(store.addPledge(campaign, campaign.withPledged(1), pledge)).isTrue();
        store.addCoupons(List.of(coupon));
        return coupon;
    }

    private Coupon cpuHours(long hours) {
        return coupon(ALICE, Campaign.CampaignKind.VENDOR_RESOURCE, TestOffers.PROVIDER, hours, "core-hour", Duration.ofDays(30));
    }

    private Quote quote(String owner, int units, long seconds) {
        return quotes.quote(owner, new QuoteService.QuoteRequest("local-cpu", units, seconds, "prime-sieve", Map.of()));
    }

    private Coupon stored(Coupon coupon) {
        return store.coupon(coupon.couponId()).orElseThrow();
    }

    private Order stored(Order order) {
        return stores.orders().find(order.orderId()).orElseThrow();
    }

    private static ErrorType typeOf(Runnable call) {
        try {
            call.run();
        } catch (DomainException e) {
            return e.type();
        }
        throw new AssertionError("the call was not refused");
    }

    /** Drives a funded order through a run of {@code usage} to SETTLING, as the provisioner and meter would. */
    private void runAndEnd(Order order, OrderState through, Usage usage) {
        var updater = new OrderUpdater(stores.orders());
        updater.update(order.orderId(), o -> Optional.of(o.moveTo(through, clock.instant())));
        updater.update(order.orderId(), o -> Optional.of(o.withUsage(usage, clock.instant()).moveTo(OrderState.SETTLING, clock.instant())));
    }

    @Test
    void aResourceCouponPaysForAnOrderOnceAndNothingIsDeposited() {
        Coupon coupon = cpuHours(2);
        Quote quote = quote(ALICE, 1, 7_200);

        Order order = orders.createPaidByCoupon(ALICE, quote.quoteId(), coupon.couponId());

        assertThat(order.state()).isEqualTo(OrderState.FUNDED);
        assertThat(order.deposited()).isZero();
        assertThat(order.couponId()).isEqualTo(coupon.couponId());
        assertThat(queue.ordersSentTo(WorkQueue.Topic.PROVISION)).containsExactly(order.orderId());
        assertThat(stored(coupon).status()).isEqualTo(Coupon.CouponStatus.REDEEMED);
        assertThat(stored(coupon).redeemedFor()).isEqualTo(order.orderId());

        // The same request again is the same order; the coupon cannot pay for a second one.
        assertThat(orders.createPaidByCoupon(ALICE, quote.quoteId(), coupon.couponId())).isEqualTo(stored(order));
        Quote another = quote(ALICE, 1, 3_600);
        assertThat(typeOf(() -> orders.createPaidByCoupon(ALICE, another.quoteId(), coupon.couponId())))
                .isEqualTo(ErrorType.COUPON_ALREADY_REDEEMED);
        assertThat(stores.orders().findByOwner(ALICE)).containsExactly(stored(order));
        // Nor can the quote already paid by coupon become an order paid by deposit, or the other way round.
        assertThat(typeOf(() -> orders.createPaidByCoupon(ALICE, quote.quoteId(), cpuHours(5).couponId()))).isEqualTo(ErrorType.CONFLICT);
        Order byDeposit = orders.create(ALICE, another.quoteId());
        assertThat(typeOf(() -> orders.createPaidByCoupon(ALICE, another.quoteId(), cpuHours(5).couponId()))).isEqualTo(ErrorType.CONFLICT);
        assertThat(stored(byDeposit).isPaidByCoupon()).isFalse();
    }

    @Test
    void aCouponThatCannotPayIsRefusedWithItsReasonAndNothingChanges() {
        Quote twoCoresForAnHour = quote(ALICE, 2, 3_600);
        Coupon tooSmall = cpuHours(1);
        Coupon credit = coupon(ALICE, Campaign.CampaignKind.COUPON_BUNDLE, TestOffers.PROVIDER, 100_000_000, "USDC", Duration.ofDays(30));
        Coupon otherVendors = coupon(ALICE, Campaign.CampaignKind.VENDOR_RESOURCE, OTHER_VENDOR, 10, "core-hour", Duration.ofDays(30));
        Coupon storage = coupon(ALICE, Campaign.CampaignKind.VENDOR_RESOURCE, TestOffers.PROVIDER, 10, "TB-month", Duration.ofDays(30));
        Coupon expiring = coupon(ALICE, Campaign.CampaignKind.VENDOR_RESOURCE, TestOffers.PROVIDER, 10, "core-hour", Duration.ofMinutes(1));
        Coupon bobs = coupon(BOB, Campaign.CampaignKind.VENDOR_RESOURCE, TestOffers.PROVIDER, 10, "core-hour", Duration.ofDays(30));
        clock.advance(Duration.ofMinutes(2));

        for (Coupon refused : List.of(tooSmall, credit, otherVendors, storage, expiring)) {
            assertThat(typeOf(() -> orders.createPaidByCoupon(ALICE, twoCoresForAnHour.quoteId(), refused.couponId())))
                    .as(refused.faceUnit()).isEqualTo(ErrorType.COUPON_NOT_REDEEMABLE);
        }
        assertThat(typeOf(() -> orders.createPaidByCoupon(ALICE, twoCoresForAnHour.quoteId(), bobs.couponId()))).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(typeOf(() -> orders.createPaidByCoupon(ALICE, twoCoresForAnHour.quoteId(), "cpn_" + "0".repeat(40))))
                .isEqualTo(ErrorType.NOT_FOUND);

        assertThat(stores.orders().findByOwner(ALICE)).isEmpty();
        for (Coupon untouched : List.of(tooSmall, credit, otherVendors, storage, expiring, bobs)) {
            assertThat(stored(untouched)).isEqualTo(untouched);
        }
        // Exactly enough is enough: two core-hours for two cores for an hour.
        assertThat(orders.createPaidByCoupon(ALICE, twoCoresForAnHour.quoteId(), cpuHours(2).couponId()).state()).isEqualTo(OrderState.FUNDED);
    }

    @Test
    void aCouponOrderSettlesWithoutAnEscrowTransactionAndTheCouponStaysUsed() {
        Coupon coupon = cpuHours(1);
        Order order = orders.createPaidByCoupon(ALICE, quote(ALICE, 1, 3_600).quoteId(), coupon.couponId());
        Instant start = clock.instant();
        clock.advance(Duration.ofMinutes(40));
        runAndEnd(order, OrderState.PROVISIONING, Usage.running(start).ended(clock.instant(), 2_400, 0, EndReason.USER_COMPLETED));

        settlement.settle(List.of(order.orderId()));

        assertThat(escrow.sent()).isEmpty();
        assertThat(stored(order).state()).isEqualTo(OrderState.SETTLED);
        Settlement split = stores.settlements().find(order.orderId()).orElseThrow();
        assertThat(List.of(split.deposit(), split.providerAmount(), split.fee(), split.refund())).containsOnly(0L);
        assertThat(split.status()).isEqualTo(SettlementStatus.CONFIRMED);
        assertThat(stored(coupon).status()).isEqualTo(Coupon.CouponStatus.REDEEMED);

        settlement.settle(List.of(order.orderId()));
        assertThat(escrow.sent()).isEmpty();
        assertThat(stored(order).state()).isEqualTo(OrderState.SETTLED);
    }

    @Test
    void aCouponWhoseOrderNeverRanIsItsOwnersAgain() {
        Coupon coupon = cpuHours(1);
        Order failed = orders.createPaidByCoupon(ALICE, quote(ALICE, 1, 3_600).quoteId(), coupon.couponId());
        var updater = new OrderUpdater(stores.orders());
        updater.update(failed.orderId(), o -> Optional.of(o.moveTo(OrderState.PROVISIONING, clock.instant())));
        updater.update(failed.orderId(), o -> Optional.of(o.withUsage(Usage.provisionFailed(clock.instant()), clock.instant())
                .moveTo(OrderState.PROVISION_FAILED, clock.instant()).moveTo(OrderState.SETTLING, clock.instant())));

        settlement.settle(List.of(failed.orderId()));

        assertThat(stored(failed).state()).isEqualTo(OrderState.SETTLED);
        assertThat(stored(coupon).status()).isEqualTo(Coupon.CouponStatus.ALLOCATED);
        assertThat(stored(coupon).redeemedFor()).isNull();
        assertThat(orders.createPaidByCoupon(ALICE, quote(ALICE, 1, 3_600).quoteId(), coupon.couponId()).state()).isEqualTo(OrderState.FUNDED);
    }

    @Test
    void aDepositNeverFundsACouponOrderAndIsRefundedInFull() {
        Coupon coupon = cpuHours(1);
        orders.createPaidByCoupon(ALICE, quote(ALICE, 1, 3_600).quoteId(), coupon.couponId());
        // Bob's order names the coupon Alice already used: refused, but the order he asked for exists, unpaid.
        Coupon bobs = coupon(BOB, Campaign.CampaignKind.VENDOR_RESOURCE, TestOffers.PROVIDER, 1, "core-hour", Duration.ofDays(30));
        Quote bobsQuote = quote(BOB, 1, 3_600);
        CouponPayments usedMeanwhile = new ForwardingPayments(coupons) {
            @Override
            public void redeem(String owner, String couponId, String orderId) {
                store.replaceCoupon(stored(bobs), stored(bobs).redeemedFor("0x" + "77".repeat(32)));
                super.redeem(owner, couponId, orderId);
            }
        };
        assertThat(typeOf(() -> orderService(usedMeanwhile).createPaidByCoupon(BOB, bobsQuote.quoteId(), bobs.couponId())))
                .isEqualTo(ErrorType.COUPON_ALREADY_REDEEMED);
        Order unpaid = stores.orders().findByOwner(BOB).getFirst();
        assertThat(unpaid.state()).isEqualTo(OrderState.QUOTED);

        funding.apply(new EscrowEvent.Deposited(new EventKey("0xtx1", 0), 7, "0xb", unpaid.orderId(), BOB, BOB, unpaid.escrowAmount(),
                unpaid.escrowAmount()));
        assertThat(stored(unpaid).state()).isEqualTo(OrderState.QUOTED);
        assertThat(queue.ordersSentTo(WorkQueue.Topic.PROVISION)).doesNotContain(unpaid.orderId());

        clock.advance(WINDOW.plusSeconds(1));
        expiry.expireDue();
        settlement.settle(List.of(unpaid.orderId()));
        Settlement refund = escrow.sent().values().iterator().next().getFirst();
        assertThat(refund.orderId()).isEqualTo(unpaid.orderId());
        assertThat(refund.refund()).isEqualTo(unpaid.escrowAmount());
        assertThat(refund.providerAmount() + refund.fee()).isZero();
    }

    @Test
    void aDepositOrderMadeOfTheSameQuoteMeanwhileKeepsTheCouponUnused() {
        Coupon coupon = cpuHours(1);
        Quote quote = quote(ALICE, 1, 3_600);
        CouponPayments racedByADepositOrder = new ForwardingPayments(coupons) {
            @Override
            public void checkPays(String owner, String couponId, String orderId, OrderTerms terms, Instant now) {
                super.checkPays(owner, couponId, orderId, terms, now);
                orders.create(ALICE, quote.quoteId());
            }
        };

        assertThat(typeOf(() -> orderService(racedByADepositOrder).createPaidByCoupon(ALICE, quote.quoteId(), coupon.couponId())))
                .isEqualTo(ErrorType.CONFLICT);
        assertThat(stored(coupon)).isEqualTo(coupon);
        assertThat(stores.orders().findByOwner(ALICE)).singleElement().satisfies(o -> assertThat(o.isPaidByCoupon()).isFalse());
    }

    @Test
    void aCrashAfterTheRedemptionIsFinishedByARetryOrByTheExpiryRun() {
        Coupon first = cpuHours(1), second = cpuHours(1);
        Quote retried = quote(ALICE, 1, 3_600), abandoned = quote(ALICE, 1, 3_600);
        CouponPayments crashing = new ForwardingPayments(coupons) {
            @Override
            public void redeem(String owner, String couponId, String orderId) {
                super.redeem(owner, couponId, orderId);
                throw new IllegalStateException("the function died here");
            }
        };
        for (Quote q : List.of(retried, abandoned)) {
            String couponId = q == retried ? first.couponId() : second.couponId();
            assertThatThrownBy(() -> orderService(crashing).createPaidByCoupon(ALICE, q.quoteId(), couponId))
                    .hasMessageContaining("died");
        }
        assertThat(stores.orders().findByOwner(ALICE)).extracting(Order::state).containsOnly(OrderState.QUOTED);

        Order byRetry = orders.createPaidByCoupon(ALICE, retried.quoteId(), first.couponId());
        assertThat(byRetry.state()).isEqualTo(OrderState.FUNDED);

        clock.advance(WINDOW.plusSeconds(1));
        assertThat(expiry.expireDue()).isZero();
        Order byExpiryRun = stores.orders().findByOwner(ALICE).stream().filter(o -> o.couponId().equals(second.couponId())).findFirst()
                .orElseThrow();
        assertThat(byExpiryRun.state()).isEqualTo(OrderState.FUNDED);
        assertThat(queue.ordersSentTo(WorkQueue.Topic.PROVISION)).contains(byRetry.orderId(), byExpiryRun.orderId());
    }

    @Test
    void anOrderThatExpiresWhileItsCouponIsRedeemedGivesTheCouponBack() {
        Coupon coupon = cpuHours(1);
        Quote quote = quote(ALICE, 1, 3_600);
        CouponPayments slow = new ForwardingPayments(coupons) {
            @Override
            public void redeem(String owner, String couponId, String orderId) {
                // The expiry run finds the order unpaid and expires it just before the redemption lands.
                clock.advance(WINDOW.plusSeconds(1));
                expiry.expireDue();
                super.redeem(owner, couponId, orderId);
            }
        };

        Order order = orderService(slow).createPaidByCoupon(ALICE, quote.quoteId(), coupon.couponId());

        assertThat(order.state()).isEqualTo(OrderState.EXPIRED);
        assertThat(stored(coupon).status()).isEqualTo(Coupon.CouponStatus.ALLOCATED);
        assertThat(queue.ordersSentTo(WorkQueue.Topic.PROVISION)).isEmpty();
    }

    /** Passes every call on; a test overrides the step it breaks. */
    private static class ForwardingPayments implements CouponPayments {
        private final CouponPayments target;

        ForwardingPayments(CouponPayments target) {
            this.target = target;
        }

        @Override
        public void checkPays(String owner, String couponId, String orderId, OrderTerms terms, Instant now) {
            target.checkPays(owner, couponId, orderId, terms, now);
        }

        @Override
        public void redeem(String owner, String couponId, String orderId) {
            target.redeem(owner, couponId, orderId);
        }

        @Override
        public boolean isRedeemedFor(String couponId, String orderId) {
            return target.isRedeemedFor(couponId, orderId);
        }

        @Override
        public void release(String couponId, String orderId) {
            target.release(couponId, orderId);
        }
    }

    /** The pledge that bought {@code coupon}, settled and confirmed on chain: its code may be shown, the coupon spent. */
    private void pledgeSettledOnChain(Coupon coupon) {
        Pledge funded = store.pledge(coupon.pledgeId()).orElseThrow();
        assertThat(store.replacePledge(funded, funded.moveTo(Pledge.PledgeStatus.SETTLED))).isTrue();
        Settlement split = new Settlement(coupon.pledgeId(), coupon.owner(), TestOffers.PROVIDER, 5_000_000, 4_000_000, 1_000_000, 0, 0,
                SettlementStatus.COMPUTED, null, 0);
        stores.settlements().create(split);
        Settlement submitted = split.submitted("0xtx");
        assertThat(stores.settlements().replace(split, submitted)).isTrue();
        assertThat(stores.settlements().replace(submitted, submitted.confirmed())).isTrue();
    }

    @Test
    void aCouponWhoseCodeWasShownPaysNoOrderAndOneThatPaidShowsNoCode() {
        CouponWallet wallet = new CouponWallet(store, vault, stores.settlements());
        Coupon shown = unsettledCoupon(ALICE, Campaign.CampaignKind.VENDOR_RESOURCE, TestOffers.PROVIDER, 10, "core-hour", Duration.ofDays(30));
        assertThat(typeOf(() -> wallet.code(ALICE, shown.couponId()))).as("not before the pledge is final on chain")
                .isEqualTo(ErrorType.STATE_CONFLICT);
        assertThat(typeOf(() -> orders.createPaidByCoupon(ALICE, quote(ALICE, 1, 3_600).quoteId(), shown.couponId())))
                .as("nor spent").isEqualTo(ErrorType.COUPON_NOT_REDEEMABLE);
        pledgeSettledOnChain(shown);
        assertThat(wallet.code(ALICE, shown.couponId())).isEqualTo("CODE-" + shown.campaignId());
        assertThat(typeOf(() -> orders.createPaidByCoupon(ALICE, quote(ALICE, 1, 3_600).quoteId(), shown.couponId())))
                .isEqualTo(ErrorType.COUPON_NOT_REDEEMABLE);
        assertThat(stored(shown).status()).isEqualTo(Coupon.CouponStatus.REVEALED);

        Coupon paid = cpuHours(10);
        Order order = orders.createPaidByCoupon(ALICE, quote(ALICE, 1, 3_600).quoteId(), paid.couponId());
        assertThat(stored(paid).redeemedFor()).isEqualTo(order.orderId());
        assertThat(typeOf(() -> wallet.code(ALICE, paid.couponId()))).isEqualTo(ErrorType.COUPON_ALREADY_REDEEMED);
    }

    @Test
    void showingTheCodeAndPayingAnOrderRaceAndExactlyOneWins() throws Exception {
        CouponWallet wallet = new CouponWallet(store, vault, stores.settlements());
        for (int round = 0; round < 20; round++) {
            Coupon coupon = cpuHours(10);
            String quoteId = quote(ALICE, 1, 3_600).quoteId();
            var start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Callable<Boolean> reveal = () -> {
                start.await();
                try {
                    wallet.code(ALICE, coupon.couponId());
                    return true;
                } catch (DomainException refused) {
                    return false;
                }
            };
            java.util.concurrent.Callable<Boolean> pay = () -> {
                start.await();
                try {
                    orders.createPaidByCoupon(ALICE, quoteId, coupon.couponId());
                    return true;
                } catch (DomainException refused) {
                    return false;
                }
            };
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
                var revealed = pool.submit(reveal);
                var paidFor = pool.submit(pay);
                start.countDown();
                assertThat(revealed.get() ^ paidFor.get()).as("round " + round + ": one use, never two, never none").isTrue();
                Coupon after = stored(coupon);
                assertThat(after.status()).isEqualTo(revealed.get() ? Coupon.CouponStatus.REVEALED : Coupon.CouponStatus.REDEEMED);
            }
        }
    }
}
