package io.cyberplaza.core.escrow;

import java.time.Duration;

/**
 * Limits the escrow contract enforces on every split, which the platform's own rules must stay
 * within: a split beyond them is skipped on chain and no amount of deciding again would change it.
 */
public final class EscrowLimits {
    /**
     * The largest fee of a settlement, in basis points of what the order is charged. Half, so a group
     * buy's resale margin fits at its dearest tier while a settler key can never route most of a
     * buyer's payment to the treasury.
     */
    public static final int MAX_FEE_BPS = 5_000;

    /**
     * The escrow's reclaim delay in the deployments: an order its owner paid for and the platform has
     * not settled 30 days after the first deposit can be taken back whole. Everything the platform
     * sells from one deposit (a run, a campaign's pledges) must be settled before that.
     */
    public static final Duration RECLAIM_DELAY = Duration.ofDays(30);

    private EscrowLimits() {
    }

    /** Whether a fee of {@code fee} out of {@code charged} micro-USDC is within the escrow's cap. */
    public static boolean feeWithinCap(long fee, long charged) {
        return Math.multiplyHigh(fee, 10_000L) == 0 && fee * 10_000L <= Math.multiplyExact(charged, (long) MAX_FEE_BPS);
    }
}
