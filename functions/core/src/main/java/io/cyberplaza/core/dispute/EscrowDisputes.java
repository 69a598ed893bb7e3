package io.cyberplaza.core.dispute;

/**
 * Port: the escrow's dispute desk. Each key does one job: the settler opens a dispute for an owner,
 * the arbiter splits disputes up to the escalation threshold, the guardian freezes; governance
 * (the timelock) is never a key the platform holds, so for it the port only says what to execute.
 * {@code txId} is the idempotency key of each transaction.
 */
public interface EscrowDisputes {

    void openFor(String txId, String owner, String orderId);

    void resolve(String txId, String owner, String orderId, long toProvider);

    void freeze(String txId, String owner, String orderId);

    /** The key a call is sent with. */
    enum Role {
        /** Opens disputes for owners. */
        SETTLER,
        ARBITER,
        GUARDIAN
    }

    /** Whether {@code role}'s key recorded a transaction with this id (sent or about to be). */
    boolean isRecorded(Role role, String txId);

    /** Whether the transaction {@code role}'s key sent under {@code txId} was mined and reverted. */
    boolean isReverted(Role role, String txId);

    /** The timelock action that splits an escalated dispute. */
    Dispute.GovernanceAction governanceResolution(String owner, String orderId, long toProvider);

    /** Disputes over more than this (micro-USDC) are governance's to resolve. */
    long escalationThreshold();

    /** An order's payout as the escrow holds it now. */
    Payout payout(String owner, String orderId);

    enum PayoutStatus {
        /** Nothing held (never settled, or reclaimed). */
        NONE,
        /** Held until {@code releaseAt}, disputable until then. */
        HELD,
        /** Past its hold or split by a dispute: the provider can withdraw it. */
        RELEASED,
        /** Disputed by the owner or frozen by the guardian: waiting for a resolution. */
        FROZEN,
        WITHDRAWN
    }

    record Payout(PayoutStatus status, long amount, long releaseAt) {
    }

    /** The chain refused the transaction before anything was recorded: as things stand it would revert. */
    final class Refused extends RuntimeException {
        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Nothing was sent, for now: the key's sender is busy with another worker or the node cannot be
     * reached. The dispute keeps its pending transaction id and the desk's reconcile sends it later.
     */
    final class NotSentYet extends RuntimeException {
        public NotSentYet(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
