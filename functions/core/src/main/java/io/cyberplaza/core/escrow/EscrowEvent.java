package io.cyberplaza.core.escrow;

/**
 * An event of the ComputeEscrow contract, read from a block the ingestor considers confirmed.
 * Amounts are micro-USDC; addresses and ids are lower-case 0x hex. On chain an order is keyed by its
 * owner and its id together, so {@link #owner()} says whose order the event is about: the same id
 * under another owner is somebody else's order, never ours.
 */
public sealed interface EscrowEvent {

    EventKey key();

    long blockNumber();

    String blockHash();

    /** The order's (or pledge's) id: the order's reference on chain. */
    String orderId();

    /** The address the on-chain order belongs to. */
    String owner();

    /** Money paid into the order by {@code payer} (the owner, a sponsor, anyone); {@code total} is its balance after. */
    record Deposited(EventKey key, long blockNumber, String blockHash,
                     String orderId, String owner, String payer, long amount, long total) implements EscrowEvent {
    }

    /** The order was split; {@code refund} includes anything that reached it after the split was computed. */
    record Settled(EventKey key, long blockNumber, String blockHash,
                   String orderId, String owner, String provider, long providerAmount, long fee, long refund,
                   long releaseAt) implements EscrowEvent {
        public long deposit() {
            return providerAmount + fee + refund;
        }
    }

    /** The settler asked to settle the order and the escrow refused it, leaving it as it was. */
    record SettlementSkipped(EventKey key, long blockNumber, String blockHash,
                             String orderId, String owner, SkipReason reason) implements EscrowEvent {
    }

    /** The owner took the whole balance back after the reclaim deadline, unsettled. */
    record Reclaimed(EventKey key, long blockNumber, String blockHash,
                     String orderId, String owner, long amount) implements EscrowEvent {
    }

    /** The owner (or the platform for the owner) disputed the held payout: it is frozen until resolved. */
    record DisputeOpened(EventKey key, long blockNumber, String blockHash,
                         String orderId, String owner, String by, long held) implements EscrowEvent {
    }

    /** The guardian froze the held payout. */
    record PayoutFrozen(EventKey key, long blockNumber, String blockHash,
                        String orderId, String owner, String by, long held) implements EscrowEvent {
    }

    /** An arbiter or governance split the held payout. */
    record DisputeResolved(EventKey key, long blockNumber, String blockHash,
                           String orderId, String owner, long toProvider, long toOwner, String by) implements EscrowEvent {
    }

    /** Why the escrow skipped a settlement, in the contract's order. */
    enum SkipReason {
        NOT_FUNDED,
        UNDERFUNDED,
        FEE_TOO_HIGH,
        NO_PROVIDER
    }
}
