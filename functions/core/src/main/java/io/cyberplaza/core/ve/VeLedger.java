package io.cyberplaza.core.ve;

import java.math.BigInteger;

/**
 * Port: veCPT as the chain has it, read only. Amounts are in base units (18 decimals); a read the
 * chain cannot answer now throws {@code CHAIN_UNAVAILABLE}.
 */
public interface VeLedger {

    /** {@code account}'s lock and its voting power now; {@link Holding#NONE} without one. */
    Holding holding(String account);

    /** The USDC (6 decimals) {@code account} would be paid by claiming its fee share now. */
    BigInteger claimableFees(String account);

    /**
     * @param locked      CPT in the lock
     * @param unlockAt    when the lock ends, epoch seconds; 0 without a lock
     * @param votingPower veCPT now: zero once the lock has ended
     */
    record Holding(BigInteger locked, long unlockAt, BigInteger votingPower) {
        public static final Holding NONE = new Holding(BigInteger.ZERO, 0, BigInteger.ZERO);
    }
}
