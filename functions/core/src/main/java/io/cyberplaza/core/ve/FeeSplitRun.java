package io.cyberplaza.core.ve;

import io.cyberplaza.core.money.Billing;
import io.cyberplaza.core.rewards.RewardsChain;
import io.cyberplaza.core.rewards.SettledSpend;
import io.cyberplaza.core.rewards.SettledSpends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Splits each ended week's platform fees on chain, once: veCPT holders, buyback-and-burn, operations,
 * team and foundation, emergency reserve, by the splitter's rates. A week's fees are those of the
 * orders whose money became final in it (as {@link SettledSpends} counts them), less the escrow's
 * insurance share, which stays in the escrow's reserve; each order's part is rounded down, so the
 * week never asks the treasury for more than the escrow paid it.
 *
 * <p>The escrow pays the fees to the treasury only when asked (anyone may): a treasury holding less
 * than the week's fees is sent the escrow's accrued fees first.
 *
 * <p>Nothing is kept here: the chain says which weeks are split. A run walks back from the newest
 * ended week to the newest split one and splits the oldest not yet split, one week per run, so weeks
 * are split in order. A week with no fees is split too (as zero), which marks it done. Each attempt's
 * transaction id is the week and the attempt number; a reverted attempt is followed by the next.
 */
public final class FeeSplitRun {
    private static final Logger log = LoggerFactory.getLogger(FeeSplitRun.class);
    private static final int MAX_ATTEMPTS = 10;

    /** What a run did: the week it worked on (0: none due), its amount, and where the split stands. */
    public record Report(long week, String amount, String stage, String note) {
        static Report nothingDue() {
            return new Report(0, "0", "NONE_DUE", "every ended week is split");
        }
    }

    private final FeeSplitChain chain;
    private final SettledSpends spends;
    private final Duration settleDelay;
    private final Clock clock;

    /** @param settleDelay how long after a week's end its last payouts are surely recorded here */
    public FeeSplitRun(FeeSplitChain chain, SettledSpends spends, Duration settleDelay, Clock clock) {
        this.chain = chain;
        this.spends = spends;
        this.settleDelay = settleDelay;
        this.clock = clock;
    }

    public Report run() {
        Optional<Long> due = oldestUnsplitWeek();
        if (due.isEmpty()) return Report.nothingDue();
        long week = due.get();
        BigInteger amount = feesOf(week);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String txId = "fee-split-" + week + "-" + attempt;
            switch (chain.outcome(txId)) {
                case CONFIRMED:
                    return new Report(week, amount.toString(), "SPLIT", null);
                case PENDING:
                    return new Report(week, amount.toString(), "PENDING", txId + " is not mined yet");
                case REVERTED:
                    log.warn("fee split of week {} reverted as {}; trying again", week, txId);
                    continue;
                case NONE:
                    return send(txId, week, amount);
            }
        }
        return new Report(week, amount.toString(), "STOPPED", MAX_ATTEMPTS + " attempts reverted; the splitter's state needs an operator");
    }

    private Report send(String txId, long week, BigInteger amount) {
        if (chain.treasuryAvailable().compareTo(amount) < 0) {
            Optional<Report> collecting = collect(week, amount);
            if (collecting.isPresent()) return collecting.get();
        }
        try {
            chain.split(txId, week, amount);
            log.info("fee split of week {}: {} micro-USDC sent as {}", week, amount, txId);
            return new Report(week, amount.toString(), "SENT", txId);
        } catch (RewardsChain.Refused refused) {
            // Most likely the treasury has not passed the escrow's fees on, or allowed the splitter less than the week's.
            log.warn("fee split of week {} ({} micro-USDC) would revert: {}", week, amount, refused.getMessage());
            return new Report(week, amount.toString(), "WAITING", "the chain would refuse it: " + refused.getMessage());
        } catch (RewardsChain.NotSentYet notYet) {
            return new Report(week, amount.toString(), "WAITING", notYet.getMessage());
        }
    }

    /**
     * The treasury holds less than the week's fees: the escrow's accrued fees are sent to it first. The
     * transaction's id names the amount accrued, so each collection is sent once, and a later one
     * (more fees accrued since) is a new transaction.
     */
    private Optional<Report> collect(long week, BigInteger amount) {
        BigInteger uncollected = chain.uncollectedFees();
        if (uncollected.signum() == 0) return Optional.empty();
        String txId = "fee-collect-" + week + "-" + uncollected;
        return switch (chain.outcome(txId)) {
            case NONE -> {
                try {
                    chain.collectFees(txId);
                    yield Optional.of(new Report(week, amount.toString(), "COLLECTING", txId));
                } catch (RewardsChain.Refused | RewardsChain.NotSentYet notNow) {
                    yield Optional.of(new Report(week, amount.toString(), "WAITING", "collecting the escrow's fees: " + notNow.getMessage()));
                }
            }
            case PENDING -> Optional.of(new Report(week, amount.toString(), "COLLECTING", txId + " is not mined yet"));
            case CONFIRMED, REVERTED -> Optional.empty();
        };
    }

    /** The week's fees net of the escrow's insurance share, in USDC base units. */
    public BigInteger feesOf(long week) {
        int keptBps = 10_000 - chain.insuranceBps();
        long total = 0;
        for (SettledSpend spend : spends.between(week, week + chain.weekSeconds())) total = Math.addExact(total, Billing.fee(spend.feeMicroUsdc(), keptBps));
        return BigInteger.valueOf(total);
    }

    private Optional<Long> oldestUnsplitWeek() {
        long length = chain.weekSeconds();
        long first = chain.firstWeek();
        long newestEnded = Math.floorDiv(clock.instant().minus(settleDelay).getEpochSecond(), length) * length - length;
        Long oldest = null;
        for (long week = newestEnded; week >= first && !chain.isSplit(week); week -= length) oldest = week;
        return Optional.ofNullable(oldest);
    }
}
