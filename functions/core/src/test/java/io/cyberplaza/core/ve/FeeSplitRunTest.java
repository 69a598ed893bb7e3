package io.cyberplaza.core.ve;

import io.cyberplaza.core.fakes.InMemoryDisputeRepository;
import io.cyberplaza.core.fakes.InMemoryProviderRepository;
import io.cyberplaza.core.fakes.InMemorySettlementRepository;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.rewards.RewardsChain;
import io.cyberplaza.core.rewards.SettledSpends;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementStatus;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class FeeSplitRunTest {
    private static final long WEEK = Duration.ofDays(7).toSeconds();
    private static final long FIRST = Instant.parse("2026-11-19T00:00:00Z").getEpochSecond(); // a Thursday: a week's start since 1970
    private static final Duration SETTLE_DELAY = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(FIRST));
    private final InMemorySettlementRepository settlements = new InMemorySettlementRepository();
    private final SimulatedSplitter chain = new SimulatedSplitter();
    private final FeeSplitRun run = new FeeSplitRun(chain, new SettledSpends(settlements, new InMemoryDisputeRepository(),
            new InMemoryProviderRepository()), SETTLE_DELAY, clock);
    private final AtomicInteger orders = new AtomicInteger();

    @Test
    void eachEndedWeekIsSplitOnceInOrderWithItsFeesLessTheInsuranceShare() {
        settle(500_000, FIRST + 3_600);
        settle(333_333, FIRST + WEEK - 1);
        settle(100_000, FIRST + WEEK);
        assertThat(run.run().stage()).as("the first week has not ended").isEqualTo("NONE_DUE");
        clock.advance(Duration.ofSeconds(2 * WEEK).plus(SETTLE_DELAY));

        FeeSplitRun.Report first = run.run();
        assertThat(first.week()).isEqualTo(FIRST);
        assertThat(first.stage()).isEqualTo("SENT");
        // 10 % of each fee stays in the escrow's insurance reserve, each order's part rounded down.
        assertThat(first.amount()).isEqualTo(Long.toString(450_000 + 299_999));
        assertThat(run.run().stage()).as("not mined yet: nothing more is sent").isEqualTo("PENDING");
        assertThat(chain.sent).hasSize(1);
        chain.mineAll();

        FeeSplitRun.Report second = run.run();
        assertThat(second.week()).isEqualTo(FIRST + WEEK);
        assertThat(second.amount()).isEqualTo("90000");
        chain.mineAll();
        assertThat(run.run().stage()).isEqualTo("NONE_DUE");
        assertThat(chain.splits).containsExactly(Map.entry(FIRST, BigInteger.valueOf(749_999)), Map.entry(FIRST + WEEK, BigInteger.valueOf(90_000)));
    }

    @Test
    void aWeekWithoutFeesIsSplitAsZeroSoItIsMarkedDone() {
        clock.advance(Duration.ofSeconds(WEEK).plus(SETTLE_DELAY));
        FeeSplitRun.Report report = run.run();
        assertThat(report.stage()).isEqualTo("SENT");
        assertThat(report.amount()).isEqualTo("0");
        chain.mineAll();
        assertThat(chain.isSplit(FIRST)).isTrue();
    }

    @Test
    void aRevertedAttemptIsFollowedByTheNextAndARefusedOneWaitsWithoutSending() {
        settle(1_000_000, FIRST + 10);
        clock.advance(Duration.ofSeconds(WEEK).plus(SETTLE_DELAY));
        chain.refuse = true;
        FeeSplitRun.Report refused = run.run();
        assertThat(refused.stage()).isEqualTo("WAITING");
        assertThat(refused.note()).containsIgnoringCase("allowance");
        assertThat(chain.sent).isEmpty();

        chain.refuse = false;
        chain.revertNext = true;
        run.run();
        chain.mineAll();
        assertThat(chain.isSplit(FIRST)).isFalse();
        FeeSplitRun.Report retried = run.run();
        assertThat(retried.stage()).isEqualTo("SENT");
        assertThat(retried.note()).isEqualTo("fee-split-" + FIRST + "-1");
        chain.mineAll();
        assertThat(chain.splits).containsExactly(Map.entry(FIRST, BigInteger.valueOf(900_000)));
    }

    @Test
    void aTreasuryHoldingLessThanTheWeeksFeesIsSentTheEscrowsFeesFirst() {
        settle(1_000_000, FIRST + 10);
        chain.treasury = BigInteger.ZERO;
        chain.accrued = BigInteger.valueOf(1_000_000);
        clock.advance(Duration.ofSeconds(WEEK).plus(SETTLE_DELAY));
        FeeSplitRun.Report collecting = run.run();
        assertThat(collecting.stage()).isEqualTo("COLLECTING");
        assertThat(run.run().stage()).as("once").isEqualTo("COLLECTING");
        assertThat(chain.sent).hasSize(1);
        chain.mineAll();
        assertThat(run.run().stage()).isEqualTo("SENT");
        chain.mineAll();
        assertThat(chain.splits).containsExactly(Map.entry(FIRST, BigInteger.valueOf(900_000)));
        assertThat(chain.treasury).as("the insurance share was never the treasury's to split").isEqualTo(BigInteger.valueOf(100_000));
    }

    private void settle(long fee, long releaseAt) {
        String orderId = String.format("0x%064x", orders.incrementAndGet());
        long kept = fee * 19;
        Settlement computed = new Settlement(orderId, "0x00000000000000000000000000000000000000b1", "0x00000000000000000000000000000000000000c1",
                kept + fee, kept, fee, 0, releaseAt, SettlementStatus.COMPUTED, null, 0);
        settlements.create(computed);
        settlements.replace(computed, computed.submitted("settle:" + orderId));
        settlements.replace(computed.submitted("settle:" + orderId), computed.submitted("settle:" + orderId).confirmed());
    }

    /** The splitter's rules: a week splits once; a transaction is pending until mined, then confirmed or reverted. */
    private static final class SimulatedSplitter implements FeeSplitChain {
        final Map<Long, BigInteger> splits = new java.util.LinkedHashMap<>();
        final Map<String, RewardsChain.Outcome> outcomes = new HashMap<>();
        final List<Object[]> sent = new ArrayList<>();
        private final Set<String> toRevert = new HashSet<>();
        boolean refuse;
        boolean revertNext;
        /** The treasury's USDC it allowed the splitter, and the escrow's fees not yet sent to it. */
        BigInteger treasury = BigInteger.valueOf(Long.MAX_VALUE);
        BigInteger accrued = BigInteger.ZERO;

        @Override
        public long weekSeconds() {
            return WEEK;
        }

        @Override
        public long firstWeek() {
            return FIRST;
        }

        @Override
        public boolean isSplit(long week) {
            return splits.containsKey(week);
        }

        @Override
        public int insuranceBps() {
            return 1_000;
        }

        @Override
        public BigInteger treasuryAvailable() {
            return treasury;
        }

        @Override
        public BigInteger uncollectedFees() {
            return accrued;
        }

        @Override
        public void collectFees(String txId) {
            sent.add(new Object[]{txId, -1L, accrued});
            outcomes.put(txId, RewardsChain.Outcome.PENDING);
        }

        @Override
        public void split(String txId, long week, BigInteger amount) {
            if (refuse) throw new RewardsChain.Refused("ERC20InsufficientAllowance: the treasury allowed less", null);
            sent.add(new Object[]{txId, week, amount});
            outcomes.put(txId, RewardsChain.Outcome.PENDING);
            if (revertNext) toRevert.add(txId);
            revertNext = false;
        }

        void mineAll() {
            for (Object[] tx : sent) {
                String txId = (String) tx[0];
                if (outcomes.get(txId) != RewardsChain.Outcome.PENDING) continue;
                if ((Long) tx[1] == -1L) {
                    treasury = treasury.add((BigInteger) tx[2]);
                    accrued = BigInteger.ZERO;
                    outcomes.put(txId, RewardsChain.Outcome.CONFIRMED);
                    continue;
                }
                boolean reverts = toRevert.contains(txId) || splits.containsKey((Long) tx[1]);
                outcomes.put(txId, reverts ? RewardsChain.Outcome.REVERTED : RewardsChain.Outcome.CONFIRMED);
                if (!reverts) {
                    splits.put((Long) tx[1], (BigInteger) tx[2]);
                    treasury = treasury.subtract((BigInteger) tx[2]);
                }
            }
        }

        @Override
        public RewardsChain.Outcome outcome(String txId) {
            return outcomes.getOrDefault(txId, RewardsChain.Outcome.NONE);
        }
    }
}
