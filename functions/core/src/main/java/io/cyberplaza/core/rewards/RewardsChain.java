package io.cyberplaza.core.rewards;

import java.math.BigInteger;

/**
 * Port: the rewards contracts, through the rewards publisher's key. That key can only pay the
 * distributor from the reserve (at most the weekly cap, never anywhere else) and propose roots that
 * the guardian may revoke during the root delay; a stolen one cannot move CPT out at once.
 * {@code txId} is each transaction's idempotency key.
 */
public interface RewardsChain {

    boolean isFunded(long epoch);

    Distributor distributor();

    /** What {@code account} has claimed so far, in total. */
    BigInteger claimed(String account);

    String distributorAddress();

    void fund(String txId, long epoch, BigInteger amount);

    void propose(String txId, long epoch, String root);

    /** Makes the pending root claimable; anyone may, once its delay has passed. */
    void accept(String txId);

    /** Where the publisher's transaction {@code txId} stands, brought up to date with the chain. */
    Outcome outcome(String txId);

    enum Outcome {
        /** Never recorded: not sent. */
        NONE,
        PENDING,
        CONFIRMED,
        /** Mined and reverted. */
        REVERTED
    }

    /** The distributor's accepted and pending roots; a zero root is none. */
    record Distributor(long epoch, String root, long pendingEpoch, String pendingRoot, long pendingClaimableAt) {
        public boolean hasPending() {
            return !isZero(pendingRoot);
        }

        public static boolean isZero(String root) {
            return root == null || root.replace("0x", "").chars().allMatch(c -> c == '0');
        }
    }

    /** The chain refused the transaction before it was recorded: as things stand it would revert. */
    final class Refused extends RuntimeException {
        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Nothing was sent, for now (the sender is busy, the node unreachable); the next run tries again. */
    final class NotSentYet extends RuntimeException {
        public NotSentYet(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
