package io.cyberplaza.core.escrow;

import java.util.Optional;

/**
 * One kind of escrow order (orders, pledges) as the {@link EscrowEventRouter} sees it: who owns an
 * id, and what changes for it when the chain moves its money. The router has already recorded the
 * deposit or the settlement when these are called, and calls them again on redelivery, so each must
 * be idempotent (decide from the current state, not from the call).
 */
public interface EscrowAccounts {

    /** The owner's address if {@code orderId} is one of this kind's. */
    Optional<String> ownerOf(String orderId);

    /** The confirmed deposits of the order now add up to {@code total} (after a deposit, or a reorg undid one). */
    void depositsChanged(String orderId, long total);

    /** The order's settlement is on chain. */
    void settled(String orderId);

    /** A reorg took the order's settlement away: it must be settled again. */
    void unsettled(String orderId);

    /** The owner took the balance back on chain: the order is over, unsettled. */
    void reclaimed(String orderId, long amount);

    /**
     * A settlement the platform never made took the order's money (a stolen settler key; the
     * guardian is already freezing its payout): the order is over and follows the dispute. With no
     * payout ({@code payout} 0) nothing is frozen and everything went back to the owner: the order
     * is over at once.
     */
    void settledWithoutUs(String orderId, long payout);
}
