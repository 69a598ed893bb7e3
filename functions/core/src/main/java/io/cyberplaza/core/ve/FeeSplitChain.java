package io.cyberplaza.core.ve;

import io.cyberplaza.core.rewards.RewardsChain;

import java.math.BigInteger;

/**
 * Port: the fee splitter, through the splitter key. That key can only split a week's fees once, taking
 * them from the treasury as far as the treasury allowed it, into the destinations governance set; a
 * stolen one cannot send USDC anywhere else. {@code txId} is each transaction's idempotency key.
 * Sending and its outcomes are the rewards publisher's ({@link RewardsChain.Outcome},
 * {@link RewardsChain.Refused}, {@link RewardsChain.NotSentYet}).
 */
public interface FeeSplitChain {

    /** veCPT's week, in seconds: seven days in deployments. */
    long weekSeconds();

    /** The first week the holders' fee distributor shares, epoch seconds. */
    long firstWeek();

    boolean isSplit(long week);

    /** The escrow's insurance share of every fee, in basis points: that part never reaches the treasury. */
    int insuranceBps();

    /** What the splitter can take from the treasury now: the least of its balance and its allowance to the splitter. */
    BigInteger treasuryAvailable();

    /** The fees the escrow holds for the treasury, not yet sent to it. */
    BigInteger uncollectedFees();

    /** Sends the escrow's accrued fees to the treasury; anyone may. */
    void collectFees(String txId);

    void split(String txId, long week, BigInteger amount);

    RewardsChain.Outcome outcome(String txId);
}
