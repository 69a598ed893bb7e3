package io.cyberplaza.core.rewards;

import io.cyberplaza.core.dispute.Dispute;
import io.cyberplaza.core.fakes.InMemoryDisputeRepository;
import io.cyberplaza.core.fakes.InMemoryProviderRepository;
import io.cyberplaza.core.fakes.InMemoryRewardStore;
import io.cyberplaza.core.fakes.InMemorySettlementRepository;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.SimulatedRewardsChain;
import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.provider.Certification;
import io.cyberplaza.core.provider.Provider;
import io.cyberplaza.core.rewards.EpochRecord.Stage;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RewardsRunTest {
    private static final BigInteger CPT = RewardRules.CPT;
    private static final long USDC = 1_000_000L;
    private static final Instant GENESIS = Instant.parse("2026-11-02T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration SETTLE_DELAY = Duration.ofHours(1);
    private static final long ROOT_DELAY = 86_400;
    private static final String BUYER = "0x00000000000000000000000000000000000000b1";
    private static final String OTHER_BUYER = "0x00000000000000000000000000000000000000b2";
    private static final String PROVIDER = "0x00000000000000000000000000000000000000c1";
    private static final String CERTIFIED = "0x00000000000000000000000000000000000000c2";
    /** Rates of the whitepaper at 0.10 USD a CPT; a release large enough that nothing is scaled unless a test says so. */
    private static final RewardRules RULES = RewardRules.whitepaper(1, cpt(1_000_000), 1_000 * USDC);

    private final MutableClock clock = new MutableClock(GENESIS);
    private final RewardSchedule schedule = new RewardSchedule(GENESIS, WEEK, SETTLE_DELAY);
    private InMemorySettlementRepository settlements;
    private InMemoryDisputeRepository disputes;
    private InMemoryProviderRepository providers;
    private InMemoryRewardStore store;
    private SimulatedRewardsChain chain;
    private RewardsRun run;
    private final AtomicInteger orders = new AtomicInteger();

    @BeforeEach
    void setUp() {
        settlements = new InMemorySettlementRepository();
        disputes = new InMemoryDisputeRepository();
        providers = new InMemoryProviderRepository();
        store = new InMemoryRewardStore();
        chain = new SimulatedRewardsChain(clock, ROOT_DELAY);
        providers.replace(0, new Provider(CERTIFIED, "Certified", FeeTier.CERTIFIED,
                new Certification(50_000 * USDC, "audited", GENESIS, "0x00000000000000000000000000000000000000ee"), 1, GENESIS));
        run = runOn(store, RULES);
    }

    private RewardsRun runOn(RewardStore rewards, RewardRules rules) {
        return new RewardsRun(rewards, chain, new HashedTrees(), new SettledSpends(settlements, disputes, providers), schedule, rules,
                () -> 100_000L, clock);
    }

    @Test
    void anEpochPaysWhatStayedSpentAtTheStatedRatesAndIsPublishedOneCheckedStepAtATime() {
        // 10 USDC kept + fee from a plain provider, 10 from a certified one, a coupon order (nothing charged), a full refund.
        settle(BUYER, PROVIDER, 9_500_000, 500_000, 2_000_000, day(2));
        settle(BUYER, CERTIFIED, 9_700_000, 300_000, 0, day(3));
        settle(OTHER_BUYER, PROVIDER, 0, 0, 4_000_000, day(4));

        assertThat(run.run().stage()).as("the epoch has not ended").isEqualTo("NONE");
        clock.advance(WEEK);
        assertThat(run.run().stage()).as("ended, but within the settle delay").isEqualTo("NONE");
        clock.advance(SETTLE_DELAY);

        RewardsRun.Report computed = run.run();
        assertThat(computed.stage()).isEqualTo("COMPUTED");
        // Buyer: 1 % of 10 + 3 % of 10 = 0.40 USD = 4 CPT; providers: 2 % of 10 = 2 CPT, 5 % of 10 = 5 CPT.
        EpochRecord epoch = store.epoch(1).orElseThrow();
        assertThat(epoch.buyers()).isEqualTo(cpt(4));
        assertThat(epoch.providers()).isEqualTo(cpt(7));
        assertThat(epoch.gmvMicroUsdc()).isEqualTo(20 * USDC);
        assertThat(leaves(epoch)).containsExactlyInAnyOrderEntriesOf(Map.of(BUYER, cpt(4), PROVIDER, cpt(2), CERTIFIED, cpt(5)));
        assertThat(chain.sent()).containsExactly("rewards-fund-1-0");

        assertThat(run.run().stage()).as("funded, then proposed in the same run").isEqualTo("FUNDED");
        assertThat(chain.funded()).containsExactly(Map.entry(1L, cpt(11)));
        assertThat(run.run().stage()).isEqualTo("PROPOSED");
        assertThat(run.run().stage()).as("the guardian's window is not over").isEqualTo("PROPOSED");
        assertThat(chain.sent()).containsExactly("rewards-fund-1-0", "rewards-root-1-0");

        clock.advance(Duration.ofSeconds(ROOT_DELAY));
        run.run();
        assertThat(run.run().stage()).isEqualTo("ACCEPTED");
        assertThat(chain.distributor().epoch()).isEqualTo(1);
        assertThat(chain.distributor().root()).isEqualTo(store.epoch(1).orElseThrow().root());

        RewardsView.AccountRewards buyer = new RewardsView(store, chain).of(BUYER);
        assertThat(buyer.earned()).isEqualTo(cpt(4));
        assertThat(buyer.claimable()).isEqualTo(cpt(4));
        assertThat(buyer.claim().cumulative()).isEqualTo(cpt(4));
        assertThat(buyer.claim().distributor()).isEqualTo(SimulatedRewardsChain.DISTRIBUTOR);
        chain.recordClaim(BUYER, cpt(4));
        assertThat(new RewardsView(store, chain).of(BUYER).claimable()).isZero();
        assertThat(new RewardsView(store, chain).of(BUYER).claim()).isNull();
        assertThat(new RewardsView(store, chain).of(OTHER_BUYER).earned()).as("a refund earns nothing").isZero();
    }

    @Test
    void runningAnEpochAgainAtEveryStageChangesNothingTwice() {
        settle(BUYER, PROVIDER, 9_500_000, 500_000, 0, day(1));
        clock.advance(WEEK.plus(SETTLE_DELAY));
        for (int i = 0; i < 12; i++) {
            run.run();
            run.run();
            if (i == 5) clock.advance(Duration.ofSeconds(ROOT_DELAY));
        }
        EpochRecord accepted = store.epoch(1).orElseThrow();
        assertThat(accepted.stage()).isEqualTo(Stage.ACCEPTED);
        assertThat(chain.sent()).containsExactly("rewards-fund-1-0", "rewards-root-1-0", "rewards-accept-1-0");
        assertThat(chain.funded()).containsExactly(Map.entry(1L, cpt(3)));

        run.run();
        assertThat(store.epoch(1)).contains(accepted);
        assertThat(store.epochs()).hasSize(1);
    }

    @Test
    void aDisputedOrderCountsWhatTheProviderKeptInTheEpochItsDisputeEnded() {
        Settlement disputed = settle(BUYER, PROVIDER, 9_500_000, 500_000, 0, day(5));
        Dispute open = Dispute.frozenOnChain(disputed.orderId(), BUYER, PROVIDER, 9_500_000, Dispute.Opener.OWNER_ON_CHAIN, "empty output",
                GENESIS.plus(Duration.ofDays(4)));
        disputes.create(open);
        clock.advance(WEEK.plus(SETTLE_DELAY));
        publishAll();
        assertThat(store.epoch(1).orElseThrow().distributed()).as("its money is not final yet").isZero();

        // Resolved in epoch 2: the provider keeps 4.50 of its 9.50; 4.50 + the 0.50 fee stayed spent.
        clock.advance(Duration.ofDays(2));
        disputes.replace(open, open.resolved(new Dispute.Resolution(4_500_000, 5_000_000, "0xfeed"), clock.instant()));
        clock.advance(WEEK);
        publishAll();
        EpochRecord second = store.epoch(2).orElseThrow();
        assertThat(second.orders()).isEqualTo(1);
        assertThat(leaves(second)).containsExactlyInAnyOrderEntriesOf(Map.of(BUYER, cpt(5).divide(BigInteger.TEN), PROVIDER, cpt(1)));
        clock.advance(WEEK);
        publishAll();
        assertThat(store.epoch(3).orElseThrow().orders()).as("counted once").isZero();
    }

    @Test
    void anEpochThatStoppedHalfWayIsCompletedByTheNextRunAndARevertedStepIsDecidedAgain() {
        settle(BUYER, PROVIDER, 9_500_000, 500_000, 0, day(1));
        clock.advance(WEEK.plus(SETTLE_DELAY));
        AtomicInteger crashes = new AtomicInteger(1);
        RewardStore crashing = new DelegatingStore(store) {
            @Override
            public boolean create(EpochRecord record) {
                if (crashes.getAndDecrement() > 0) throw new IllegalStateException("the function was stopped");
                return super.create(record);
            }
        };
        assertThatThrownBy(() -> runOn(crashing, RULES).run()).hasMessageContaining("stopped");
        assertThat(store.epoch(1)).isEmpty();

        chain.revertNext("fund");
        run.run();
        assertThat(run.run().note()).contains("reverted");
        assertThat(store.epoch(1).orElseThrow().attempt()).isEqualTo(1);
        assertThat(run.run().stage()).as("the funding sent again, as a new transaction").isEqualTo("COMPUTED");
        chain.refuseNext("propose");
        RewardsRun.Report refused = run.run();
        assertThat(refused.stage()).isEqualTo("FUNDED");
        assertThat(refused.note()).contains("refuses");
        publishAll();

        assertThat(store.epoch(1).orElseThrow().stage()).isEqualTo(Stage.ACCEPTED);
        assertThat(chain.sent()).containsExactly("rewards-fund-1-0", "rewards-fund-1-1", "rewards-root-1-0", "rewards-accept-1-0");
        assertThat(chain.funded()).containsExactly(Map.entry(1L, cpt(3)));
    }

    @Test
    void aRootTheGuardianRevokedStopsEveryLaterEpochUntilAnOperatorLooks() {
        settle(BUYER, PROVIDER, 9_500_000, 500_000, 0, day(1));
        clock.advance(WEEK.plus(SETTLE_DELAY));
        run.run();
        run.run();
        assertThat(run.run().stage()).isEqualTo("PROPOSED");
        chain.revokePending();
        clock.advance(Duration.ofSeconds(ROOT_DELAY));
        assertThat(run.run().stage()).isEqualTo("REVOKED");
        clock.advance(WEEK.multipliedBy(2));
        assertThat(run.run().stage()).isEqualTo("REVOKED");
        assertThat(store.epochs()).hasSize(1);
        assertThat(chain.sent()).doesNotContain("rewards-accept-1-0");
    }

    @Test
    void anAcceptanceSomeoneElseSentFirstIsTheChainsAndNotSentAgain() {
        settle(BUYER, PROVIDER, 9_500_000, 500_000, 0, day(1));
        clock.advance(WEEK.plus(SETTLE_DELAY));
        run.run();
        run.run();
        run.run();
        clock.advance(Duration.ofSeconds(ROOT_DELAY));
        chain.acceptByAnyone();
        assertThat(run.run().stage()).isEqualTo("ACCEPTED");
        assertThat(chain.sent()).doesNotContain("rewards-accept-1-0");
    }

    @Test
    void anEpochWithNothingEarnedSendsNothingAndKeepsTheTreeBeforeIt() {
        settle(BUYER, PROVIDER, 9_500_000, 500_000, 0, day(1));
        clock.advance(WEEK.plus(SETTLE_DELAY));
        publishAll();
        clock.advance(WEEK);
        assertThat(run.run().stage()).isEqualTo("ACCEPTED");
        EpochRecord empty = store.epoch(2).orElseThrow();
        assertThat(empty.root()).isEqualTo(store.epoch(1).orElseThrow().root());
        assertThat(empty.leafEpoch()).isEqualTo(1);
        assertThat(chain.sent()).hasSize(3);
        assertThat(new RewardsView(store, chain).of(BUYER).claimable()).isEqualTo(cpt(1));
    }

    @Test
    void aRandomSequenceOfEpochsFaultsAndRunsFundsEachEpochOnceAndEveryTreeHoldsWhatWasDistributed() {
        Random random = new Random(21);
        RewardRules tight = RewardRules.whitepaper(1, cpt(3), 200 * USDC);
        RewardsRun scaled = runOn(store, tight);
        String[] buyers = {BUYER, OTHER_BUYER, "0x00000000000000000000000000000000000000b3"};
        String[] sellers = {PROVIDER, CERTIFIED};
        for (int week = 0; week < 25; week++) {
            for (int i = random.nextInt(5); i > 0; i--) {
                long kept = random.nextInt(3) == 0 ? 0 : random.nextLong(100 * USDC);
                settle(buyers[random.nextInt(3)], sellers[random.nextInt(2)], kept, kept / 20, random.nextLong(5 * USDC),
                        clock.instant().plus(Duration.ofHours(random.nextInt(160))));
            }
            for (int step = 0; step < 1 + random.nextInt(6); step++) {
                switch (random.nextInt(6)) {
                    case 0 -> chain.revertNext(List.of("fund", "propose", "accept").get(random.nextInt(3)));
                    case 1 -> chain.refuseNext(List.of("fund", "propose", "accept").get(random.nextInt(3)));
                    default -> { }
                }
                scaled.run();
                clock.advance(Duration.ofHours(random.nextInt(30)));
            }
        }
        // Drained: every epoch that closed is published.
        for (int i = 0; i < 200; i++) {
            scaled.run();
            clock.advance(Duration.ofHours(12));
            if (clock.instant().isAfter(GENESIS.plus(WEEK.multipliedBy(40)))) break;
        }
        List<EpochRecord> epochs = store.epochs();
        assertThat(epochs).allSatisfy(epoch -> assertThat(epoch.stage()).isIn(Stage.ACCEPTED, Stage.PROPOSED, Stage.FUNDED, Stage.COMPUTED));
        BigInteger distributed = BigInteger.ZERO;
        for (EpochRecord epoch : epochs) {
            if (epoch.distributed().signum() > 0 && epoch.stage() != Stage.COMPUTED) {
                assertThat(chain.funded().get(epoch.epoch())).as("epoch %d funded with what it distributes", epoch.epoch()).isEqualTo(epoch.distributed());
            }
            if (epoch.distributed().signum() == 0) assertThat(chain.funded()).doesNotContainKey(epoch.epoch());
            distributed = distributed.add(epoch.distributed());
            assertThat(epoch.carryOut().signum()).isNotNegative();
        }
        EpochRecord last = epochs.getLast();
        BigInteger inTree = leaves(last).values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(inTree).as("the latest tree holds everything ever distributed").isEqualTo(distributed);
        assertThat(chain.totalFunded()).isLessThanOrEqualTo(distributed);
        assertThat(epochs.stream().mapToInt(EpochRecord::orders).sum()).as("every order counted once")
                .isEqualTo(settlements.findByStatus(SettlementStatus.CONFIRMED).stream()
                        .filter(s -> s.releaseAt() < last.toSecond()).count());
    }

    private void publishAll() {
        for (int i = 0; i < 6; i++) {
            run.run();
            if (store.latest().map(EpochRecord::stage).orElse(null) == Stage.PROPOSED) clock.advance(Duration.ofSeconds(ROOT_DELAY));
        }
    }

    private Map<String, BigInteger> leaves(EpochRecord epoch) {
        Map<String, BigInteger> byAccount = new TreeMap<>();
        store.leaves(epoch.leafEpoch(), epoch.root()).forEach(leaf -> byAccount.put(leaf.account(), leaf.cumulative()));
        return byAccount;
    }

    private Settlement settle(String buyer, String provider, long kept, long fee, long refund, Instant releaseAt) {
        String orderId = String.format("0x%064x", orders.incrementAndGet());
        Settlement computed = new Settlement(orderId, buyer, provider, kept + fee + refund, kept, fee, refund, releaseAt.getEpochSecond(),
                SettlementStatus.COMPUTED, null, 0);
        settlements.create(computed);
        Settlement confirmed = computed.submitted("settle:" + orderId).confirmed();
        settlements.replace(computed, computed.submitted("settle:" + orderId));
        settlements.replace(computed.submitted("settle:" + orderId), confirmed);
        return settlements.find(orderId).orElseThrow();
    }

    private static Instant day(int day) {
        return GENESIS.plus(Duration.ofDays(day));
    }

    private static BigInteger cpt(long whole) {
        return BigInteger.valueOf(whole).multiply(CPT);
    }

    /** A stand-in for the chain module's Merkle tree: a root that changes with any account's total. */
    private static final class HashedTrees implements RewardTrees {
        @Override
        public Tree build(Map<String, BigInteger> cumulative) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                new TreeMap<>(cumulative).forEach((account, total) -> digest.update((account + "=" + total + ";").getBytes(StandardCharsets.UTF_8)));
                String root = "0x" + HexFormat.of().formatHex(digest.digest());
                Map<String, List<String>> proofs = new HashMap<>();
                cumulative.keySet().forEach(account -> proofs.put(account, List.of(root)));
                return new Tree(root, proofs);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static class DelegatingStore implements RewardStore {
        private final RewardStore inner;

        DelegatingStore(RewardStore inner) {
            this.inner = inner;
        }

        @Override public java.util.Optional<EpochRecord> epoch(long epoch) { return inner.epoch(epoch); }
        @Override public java.util.Optional<EpochRecord> latest() { return inner.latest(); }
        @Override public List<EpochRecord> epochs() { return inner.epochs(); }
        @Override public boolean create(EpochRecord record) { return inner.create(record); }
        @Override public boolean replace(EpochRecord expected, EpochRecord next) { return inner.replace(expected, next); }
        @Override public void putLeaves(java.util.Collection<RewardLeaf> leaves) { inner.putLeaves(leaves); }
        @Override public List<RewardLeaf> leaves(long epoch, String root) { return inner.leaves(epoch, root); }
        @Override public java.util.Optional<RewardLeaf> leaf(long epoch, String root, String account) { return inner.leaf(epoch, root, account); }
        @Override public List<RewardLeaf> leavesOf(String account) { return inner.leavesOf(account); }
    }
}
