package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.escrow.EscrowEventRouter;
import io.cyberplaza.core.escrow.EventKey;
import io.cyberplaza.core.fakes.InMemoryStores;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.RecordingEscrowSettler;
import io.cyberplaza.core.secret.EnvelopeCodeVault;
import io.cyberplaza.core.secret.LocalKeyWrapper;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementService;
import io.cyberplaza.core.settlement.SettlementStatus;
import io.cyberplaza.core.store.Stores;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupBuyRunTest {
    private static final long USDC = 1_000_000;
    private static final String PAYEE = "0x" + "9e".repeat(20);
    private static final String ALICE = "0x" + "a1".repeat(20), BOB = "0x" + "b2".repeat(20), CAROL = "0x" + "c3".repeat(20);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final Stores stores = InMemoryStores.empty();
    private final GroupBuyStore store = stores.groupBuys();
    private final RecordingEscrowSettler escrow = new RecordingEscrowSettler();
    private final io.cyberplaza.core.fakes.RecordingMetrics metrics = new io.cyberplaza.core.fakes.RecordingMetrics();
    private final SettlementService settlement = new SettlementService(stores.orders(), stores.settlements(), escrow, clock);
    private final EnvelopeCodeVault vault = new EnvelopeCodeVault(LocalKeyWrapper.ephemeral(), new byte[32]);
    private final CouponIntake intake = new CouponIntake(store, vault, clock);
    private final GroupBuyService service = new GroupBuyService(store, clock);
    private final GroupBuyRun run = new GroupBuyRun(store, stores.deposits(), settlement, intake, CouponVendors.NONE, Duration.ofMinutes(30), clock);
    private final EscrowEventRouter funding = new EscrowEventRouter(stores.deposits(), stores.settlements(),
            List.of(new PledgeFunding(store, metrics)), settlement::redecide,
            EscrowEventRouter.DisputeEvents.NONE);
    private final AtomicInteger logs = new AtomicInteger();

    /** $100 credit: $90 alone, $80 from 4 units; 3 to succeed, 6 in stock, 3 a buyer; the vendor charges $60. */
    private Campaign campaign() {
        return service.create(draft(clock.instant().plus(Duration.ofHours(1))));
    }

    private EscrowEvent.Deposited deposit(Pledge pledge, long amount) {
        EscrowEvent.Deposited deposited = new EscrowEvent.Deposited(new EventKey("0xtx" + logs.incrementAndGet(), 0), 1, "0xb",
                pledge.pledgeId(), pledge.owner(), pledge.owner(), amount, amount);
        funding.apply(deposited);
        return deposited;
    }

    private void confirmOnChain() {
        for (List<Settlement> batch : escrow.sent().values()) {
            for (Settlement s : batch) {
                funding.apply(new EscrowEvent.Settled(new EventKey("0xs" + s.orderId(), 0), 2, "0xb", s.orderId(), s.owner(),
                        s.provider(), s.providerAmount(), s.fee(), s.refund(), 0));
            }
        }
    }

    private Map<String, Settlement> sentByPledge() {
        return escrow.sent().values().stream().flatMap(List::stream).collect(Collectors.toMap(Settlement::orderId, s -> s));
    }

    private List<DeliveredCode> codes(int count) {
        List<DeliveredCode> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) codes.add(new DeliveredCode("CPZ-" + UUID.randomUUID(), clock.instant().plus(Duration.ofDays(90))));
        return codes;
    }

    @Test
    void aCampaignThatReachesALowerTierGivesEveryoneDistinctCouponsAndRefundsTheDifference() {
        Campaign campaign = campaign();
        Pledge alice = service.join(ALICE, campaign.campaignId(), 2);
        deposit(alice, alice.deposit());
        Pledge bob = service.join(BOB, campaign.campaignId(), 2);
        deposit(bob, bob.deposit());
        Pledge carol = service.join(CAROL, campaign.campaignId(), 1);
        deposit(carol, carol.deposit());
        assertThat(alice.unitPrice()).isEqualTo(90 * USDC);
        assertThat(bob.unitPrice()).as("the tier counts funded units").isEqualTo(80 * USDC);
        assertThat(List.of(alice, bob, carol)).as("routed to the pledges, not the orders")
                .allSatisfy(p -> assertThat(store.pledge(p.pledgeId()).orElseThrow().status()).isEqualTo(Pledge.PledgeStatus.FUNDED));

        clock.advance(Duration.ofHours(1));
        run.run();
        assertThat(store.campaign(campaign.campaignId()).orElseThrow().status()).isEqualTo(CampaignStatus.SUCCEEDED);
        assertThat(escrow.sent()).as("nobody is settled before the coupons are in hand").isEmpty();

        List<DeliveredCode> delivered = codes(5);
        assertThat(intake.receive(campaign.campaignId(), delivered)).isEqualTo(new CouponIntake.Receipt(5, 5, 0));
        assertThat(intake.receive(campaign.campaignId(), delivered.subList(0, 2))).isEqualTo(new CouponIntake.Receipt(2, 0, 2));
        run.run();

        Map<String, Settlement> sent = sentByPledge();
        assertThat(escrow.sent()).hasSize(1);
        assertThat(sent.get(alice.pledgeId())).extracting(Settlement::providerAmount, Settlement::fee, Settlement::refund)
                .containsExactly(120 * USDC, 40 * USDC, 20 * USDC);
        assertThat(sent.get(bob.pledgeId()).refund()).isZero();
        assertThat(sent.get(carol.pledgeId()).provider()).isEqualTo(PAYEE);

        CouponWallet wallet = new CouponWallet(store, vault, stores.settlements());
        assertThat(wallet.mine(ALICE)).hasSize(2);
        String alicesCoupon = wallet.mine(ALICE).getFirst().couponId();
        assertThatThrownBy(() -> wallet.code(ALICE, alicesCoupon)).as("a payment the chain can still undo opens no code")
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.STATE_CONFLICT));

        confirmOnChain();
        run.run();
        Set<String> codesHeld = new HashSet<>();
        for (String owner : List.of(ALICE, BOB, CAROL)) {
            for (Coupon coupon : wallet.mine(owner)) codesHeld.add(wallet.code(owner, coupon.couponId()));
        }
        assertThat(codesHeld).containsExactlyInAnyOrderElementsOf(delivered.stream().map(DeliveredCode::code).toList());
        assertThat(wallet.code(ALICE, alicesCoupon)).as("read again by its owner").isIn(codesHeld);
        assertThat(wallet.mine(ALICE)).extracting(Coupon::status).containsOnly(Coupon.CouponStatus.REVEALED);
        assertThatThrownBy(() -> wallet.code(BOB, alicesCoupon)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND));
        Campaign settled = store.campaign(campaign.campaignId()).orElseThrow();
        assertThat(settled.status()).isEqualTo(CampaignStatus.SETTLED);
        assertThat(service.report(campaign.campaignId())).isEqualTo(new CampaignReport(campaign.campaignId(), CampaignStatus.SETTLED, 5,
                80 * USDC, 420 * USDC, 400 * USDC, 20 * USDC, 300 * USDC, 100 * USDC));
        run.run();
        assertThat(escrow.sent()).hasSize(1);
    }

    @Test
    void aCampaignShortOfItsMinimumRefundsEveryoneInFullAndCollectsNothing() {
        Campaign campaign = campaign();
        Pledge alice = service.join(ALICE, campaign.campaignId(), 2);
        deposit(alice, alice.deposit());
        clock.advance(Duration.ofHours(2));
        run.run();

        assertThat(sentByPledge().get(alice.pledgeId())).extracting(Settlement::providerAmount, Settlement::fee, Settlement::refund)
                .containsExactly(0L, 0L, 180 * USDC);
        assertThatThrownBy(() -> intake.receive(campaign.campaignId(), codes(1))).isInstanceOf(DomainException.class);
        confirmOnChain();
        run.run();
        assertThat(service.report(campaign.campaignId())).extracting(CampaignReport::status, CampaignReport::refunded, CampaignReport::allocated)
                .containsExactly(CampaignStatus.SETTLED, 180 * USDC, 0L);
    }

    @Test
    void aWithdrawnPledgeAndALapsedOneAreRefundedWhateverReachedTheEscrow() {
        Campaign campaign = campaign();
        Pledge alice = service.join(ALICE, campaign.campaignId(), 3);
        Pledge bob = service.join(BOB, campaign.campaignId(), 3);
        deposit(alice, alice.deposit());
        assertThat(store.campaign(campaign.campaignId()).orElseThrow().pledged()).as("bob's unfunded pledge holds nothing").isEqualTo(3);

        run.run();
        assertThat(store.campaign(campaign.campaignId()).orElseThrow().status()).isEqualTo(CampaignStatus.OPEN);
        assertThat(service.withdraw(ALICE, alice.pledgeId()).status()).isEqualTo(Pledge.PledgeStatus.WITHDRAWN);
        assertThat(store.campaign(campaign.campaignId()).orElseThrow().pledged()).isZero();
        run.run();
        assertThat(sentByPledge().get(alice.pledgeId()).refund()).isEqualTo(270 * USDC);

        clock.advance(Duration.ofHours(1));
        run.run();
        assertThat(store.pledge(bob.pledgeId()).orElseThrow().status()).isEqualTo(Pledge.PledgeStatus.LAPSED);
        assertThat(store.campaign(campaign.campaignId()).orElseThrow().status()).as("failed with no participant: nothing to wait for")
                .isEqualTo(CampaignStatus.SETTLED);
        deposit(bob, bob.deposit()); // mined before the close, confirmed after it
        run.run();
        assertThat(sentByPledge().get(bob.pledgeId())).extracting(Settlement::providerAmount, Settlement::refund)
                .containsExactly(0L, 270 * USDC);
        assertThatThrownBy(() -> service.withdraw(BOB, bob.pledgeId())).isInstanceOf(DomainException.class);
    }

    @Test
    void pledgesMadeFromManyWalletsAndNeverPaidCannotSellACampaignOutAndAPaymentAfterItSoldOutIsRefunded() {
        Campaign campaign = campaign();
        List<Pledge> squatters = new ArrayList<>();
        for (int wallet = 0; wallet < 12; wallet++) {
            squatters.add(service.join(String.format("0x%040x", 0xbad000 + wallet), campaign.campaignId(), 3));
        }
        assertThat(store.campaign(campaign.campaignId()).orElseThrow().remaining()).as("36 units asked for, none paid").isEqualTo(6);

        Pledge alice = service.join(ALICE, campaign.campaignId(), 3);
        Pledge bob = service.join(BOB, campaign.campaignId(), 3);
        deposit(alice, alice.deposit());
        deposit(bob, bob.deposit());
        assertThat(store.campaign(campaign.campaignId()).orElseThrow().remaining()).as("sold out to the two who paid").isZero();
        assertThatThrownBy(() -> service.join(CAROL, campaign.campaignId(), 1)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.CAPACITY_EXHAUSTED));

        Pledge late = squatters.getFirst();
        deposit(late, late.deposit());
        assertThat(store.pledge(late.pledgeId()).orElseThrow().status()).as("paid after the campaign sold out").isEqualTo(Pledge.PledgeStatus.LAPSED);

        run.run();
        assertThat(store.campaign(campaign.campaignId()).orElseThrow().status()).as("sold out: closed at once, waiting for no unpaid pledge")
                .isEqualTo(CampaignStatus.SUCCEEDED);
        assertThat(squatters).allSatisfy(p -> assertThat(store.pledge(p.pledgeId()).orElseThrow().status()).isEqualTo(Pledge.PledgeStatus.LAPSED));
        assertThat(sentByPledge().get(late.pledgeId())).extracting(Settlement::providerAmount, Settlement::fee, Settlement::refund)
                .containsExactly(0L, 0L, late.deposit());
    }

    @Test
    void aDepositAReorganisationTakesAwayGivesTheUnitsBackWhileOpenAndLeavesAClosedCampaignsParticipantCounted() {
        Campaign campaign = campaign();
        Pledge alice = service.join(ALICE, campaign.campaignId(), 3);
        EscrowEvent.Deposited alicePaid = deposit(alice, alice.deposit());
        funding.undo(alicePaid);
        assertThat(store.pledge(alice.pledgeId()).orElseThrow().status()).isEqualTo(Pledge.PledgeStatus.PENDING);
        assertThat(store.campaign(campaign.campaignId()).orElseThrow().pledged()).as("open: its units go back").isZero();
        alicePaid = deposit(alice, alice.deposit()); // mined again on the new chain
        Pledge bob = service.join(BOB, campaign.campaignId(), 3);
        deposit(bob, bob.deposit());
        run.run();
        assertThat(store.campaign(campaign.campaignId()).orElseThrow().status()).isEqualTo(CampaignStatus.SUCCEEDED);

        funding.undo(alicePaid);
        assertThat(store.pledge(alice.pledgeId()).orElseThrow().status()).as("closed: its units were bought for it")
                .isEqualTo(Pledge.PledgeStatus.FUNDED);
        assertThat(store.campaign(campaign.campaignId()).orElseThrow().pledged()).isEqualTo(6);
        assertThat(metrics.alerts).contains("pledge-deposit-reorganised-after-close");
        deposit(alice, alice.deposit());
        assertThat(store.pledge(alice.pledgeId()).orElseThrow().status()).as("its deposit back changes nothing")
                .isEqualTo(Pledge.PledgeStatus.FUNDED);
    }

    /**
     * Random sequences from honest buyers and attackers alike: pledges never paid, paid late, paid short,
     * paid for someone else's units after the sell-out, withdrawn, deposits a reorganisation takes away,
     * and the group-buy run at random moments. After every step the campaign holds exactly its funded
     * units, never more than its stock, and no buyer holds more than the limit; at the end the report
     * adds up, every participant is settled but one whose deposit a reorganisation took after the
     * close (which never holds up the others), and no pledge is left waiting.
     */
    @Test
    void randomSequencesOfPledgesPaymentsWithdrawalsReorgsAndRunsKeepTheCampaignsCountTrue() {
        for (long seed = 1; seed <= 25; seed++) {
            java.util.Random random = new java.util.Random(seed);
            Campaign campaign = campaign();
            List<String> wallets = List.of(ALICE, BOB, CAROL, "0x" + "d4".repeat(20), "0x" + "e5".repeat(20), "0x" + "f6".repeat(20));
            List<Pledge> pledges = new ArrayList<>();
            List<EscrowEvent.Deposited> undoable = new ArrayList<>();
            for (int step = 0; step < 120; step++) {
                String what = "seed " + seed + ", step " + step;
                switch (random.nextInt(6)) {
                    case 0 -> {
                        try {
                            pledges.add(service.join(wallets.get(random.nextInt(wallets.size())), campaign.campaignId(), 1 + random.nextInt(3)));
                        } catch (DomainException refused) {
                            // sold out, closed, over the buyer's limit or too many unfunded: refusals are part of the game
                        }
                    }
                    case 1 -> {
                        if (!pledges.isEmpty()) {
                            Pledge pledge = pledges.get(random.nextInt(pledges.size()));
                            undoable.add(deposit(pledge, random.nextInt(4) == 0 ? 1 : pledge.deposit()));
                        }
                    }
                    case 2 -> {
                        if (!pledges.isEmpty()) {
                            Pledge pledge = pledges.get(random.nextInt(pledges.size()));
                            try {
                                service.withdraw(pledge.owner(), pledge.pledgeId());
                            } catch (DomainException refused) {
                                // not live, or the campaign closed
                            }
                        }
                    }
                    case 3 -> {
                        if (!undoable.isEmpty()) funding.undo(undoable.remove(random.nextInt(undoable.size())));
                    }
                    default -> {
                        clock.advance(Duration.ofMinutes(random.nextInt(12)));
                        run.run();
                    }
                }
                Campaign now = store.campaign(campaign.campaignId()).orElseThrow();
                List<Pledge> stored = store.pledges(campaign.campaignId());
                long held = stored.stream().filter(p -> p.status() == Pledge.PledgeStatus.FUNDED || p.status() == Pledge.PledgeStatus.SETTLED)
                        .mapToLong(Pledge::quantity).sum();
                assertThat(now.pledged()).as(what + ": the count is the funded units").isEqualTo(held);
                assertThat(now.pledged()).as(what).isBetween(0L, now.maxQuantity());
                for (String wallet : wallets) {
                    assertThat(stored.stream().filter(p -> p.owner().equals(wallet) && p.isLive()).mapToLong(Pledge::quantity).sum())
                            .as(what + ": " + wallet + "'s live units").isLessThanOrEqualTo(now.perUserLimit());
                }
            }
            clock.advance(Duration.ofHours(2));
            run.run();
            Campaign closed = store.campaign(campaign.campaignId()).orElseThrow();
            if (closed.status() == CampaignStatus.SUCCEEDED) intake.receive(campaign.campaignId(), codes((int) closed.pledged()));
            for (int round = 0; round < 3; round++) {
                run.run();
                confirmOnChain();
            }
            CampaignReport report = service.report(campaign.campaignId()); // refuses to exist unless it adds up
            List<Pledge> ended = store.pledges(campaign.campaignId());
            List<Pledge> short_ = ended.stream().filter(p -> p.status() == Pledge.PledgeStatus.FUNDED
                    && stores.deposits().totalFor(p.pledgeId()) < PledgeSplit.cost(closed, p)).toList();
            // A participant whose deposit a reorganisation took after the close waits alone; everyone else is settled.
            assertThat(ended).as("seed " + seed).filteredOn(PledgeSplit::isParticipant).filteredOn(p -> !short_.contains(p))
                    .allMatch(p -> p.status() == Pledge.PledgeStatus.SETTLED);
            assertThat(report.status()).as("seed " + seed).isEqualTo(short_.isEmpty() ? CampaignStatus.SETTLED : closed.status());
            assertThat(store.pledges(campaign.campaignId())).as("seed " + seed + ": nothing left waiting")
                    .noneMatch(p -> p.status() == Pledge.PledgeStatus.PENDING);
        }
    }

    @Test
    void aSettlementLostInACrashIsSentAgainWithTheSameId() {
        Campaign campaign = campaign();
        Pledge alice = service.join(ALICE, campaign.campaignId(), 1);
        deposit(alice, alice.deposit());
        clock.advance(Duration.ofHours(2));
        escrow.crashNext(1);
        assertThat(run.run()).isZero();
        assertThat(escrow.sent()).isEmpty();
        assertThat(stores.settlements().find(alice.pledgeId()).orElseThrow().status()).isEqualTo(SettlementStatus.SUBMITTED);

        assertThat(settlement.resubmitUnsent()).isEqualTo(1);
        assertThat(sentByPledge().get(alice.pledgeId()).refund()).isEqualTo(90 * USDC);
    }

    @Test
    void aPledgeReclaimedBeforeItsSettlementIsClosedItsCouponGoesBackAndTheCampaignSettlesWithoutIt() {
        Campaign campaign = campaign();
        Pledge alice = service.join(ALICE, campaign.campaignId(), 2);
        Pledge bob = service.join(BOB, campaign.campaignId(), 2);
        Pledge carol = service.join(CAROL, campaign.campaignId(), 1);
        for (Pledge p : List.of(alice, bob, carol)) deposit(p, p.deposit());
        clock.advance(Duration.ofHours(1));
        run.run();
        intake.receive(campaign.campaignId(), codes(5));
        run.run();
        assertThat(sentByPledge()).containsKeys(alice.pledgeId(), bob.pledgeId(), carol.pledgeId());

        // The platform was too late: Carol takes her deposit back before her settlement lands (the chain then skips it).
        EscrowEvent.Reclaimed reclaim = new EscrowEvent.Reclaimed(new EventKey("0xr" + carol.pledgeId(), 0), 3, "0xb", carol.pledgeId(),
                CAROL, carol.deposit());
        funding.apply(reclaim);
        funding.apply(reclaim);
        assertThat(store.pledge(carol.pledgeId()).orElseThrow().status()).isEqualTo(Pledge.PledgeStatus.RECLAIMED);
        assertThat(new CouponWallet(store, vault, stores.settlements()).mine(CAROL)).as("the coupon she did not pay for is not hers").isEmpty();
        assertThat(store.coupons(campaign.campaignId())).filteredOn(c -> c.status() == Coupon.CouponStatus.AVAILABLE).hasSize(1);
        assertThat(metrics.alerts).as("alerted once, however often the event comes").containsExactly("pledge-reclaimed");

        for (Pledge p : List.of(alice, bob)) {
            Settlement s = sentByPledge().get(p.pledgeId());
            funding.apply(new EscrowEvent.Settled(new EventKey("0xs" + s.orderId(), 0), 2, "0xb", s.orderId(), s.owner(),
                    s.provider(), s.providerAmount(), s.fee(), s.refund(), 0));
        }
        run.run();
        assertThat(store.campaign(campaign.campaignId()).orElseThrow().status()).isEqualTo(CampaignStatus.SETTLED);
        assertThat(store.pledge(carol.pledgeId()).orElseThrow().status()).isEqualTo(Pledge.PledgeStatus.RECLAIMED);
    }

    @Test
    void aCampaignCannotOutlastTheEscrowsReclaimDelayAndTakesNoPledgeWhileTheTokenIsPaused() {
        io.cyberplaza.core.fakes.SwitchableTokenState token = new io.cyberplaza.core.fakes.SwitchableTokenState();
        GroupBuyService shortEscrow = new GroupBuyService(store, clock, Duration.ofHours(10),
                new io.cyberplaza.core.escrow.TokenGuard(token, io.cyberplaza.core.metrics.Metrics.NONE,
                        io.cyberplaza.core.escrow.TokenGuard.Settings.defaults(), clock));
        Instant latest = clock.instant().plus(Duration.ofHours(10)).minus(GroupBuyService.SETTLEMENT_MARGIN);
        assertThatThrownBy(() -> shortEscrow.create(draft(latest.plusSeconds(1))))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.PURCHASE_OUTLASTS_ESCROW));
        Campaign campaign = shortEscrow.create(draft(latest));

        token.set(false, true);
        assertThatThrownBy(() -> shortEscrow.join(ALICE, campaign.campaignId(), 1))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.QUOTING_PAUSED));
        assertThat(store.pledges(campaign.campaignId())).isEmpty();
    }

    private GroupBuyService.CampaignDraft draft(Instant deadline) {
        return new GroupBuyService.CampaignDraft("GPU credit", Campaign.CampaignKind.COUPON_BUNDLE, "gpu-vendor", "$100 credit",
                List.of(new PriceTier(1, 90 * USDC), new PriceTier(4, 80 * USDC)), 3, 6, 3, deadline,
                new Campaign.Supply(CouponSource.UPLOAD, PAYEE, 60 * USDC, 100 * USDC, "USDC"));
    }

    @Test
    void anAccountHoldsAtMostFiveUnfundedPledgesUntilItFundsOne() {
        List<Pledge> unfunded = new java.util.ArrayList<>();
        for (int i = 0; i < GroupBuyService.MAX_UNFUNDED; i++) unfunded.add(service.join(ALICE, campaign().campaignId(), 1));
        String sixth = campaign().campaignId();
        assertThatThrownBy(() -> service.join(ALICE, sixth, 1))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.TOO_MANY_UNPAID));
        assertThat(service.join(BOB, sixth, 1)).as("another account's own cap").isNotNull();

        deposit(unfunded.getFirst(), unfunded.getFirst().deposit());
        assertThat(service.join(ALICE, sixth, 1).owner()).as("funding one frees a place").isEqualTo(ALICE);
    }
}
