package io.cyberplaza.core.escrow;

/**
 * An event of the ComputeEscrow contract, read from a block the ingestor considers confirmed.
 * Amounts are micro-USDC; addresses and ids are lower-case 0x hex.
 */
public sealed interface EscrowEvent {

    EventKey key();

    long blockNumber();

    String blockHash();

    String orderId();

    record Deposited(EventKey key, long blockNumber, String blockHash,
                     String orderId, String payer, long amount, long total) implements EscrowEvent {
    }

    record Settled(EventKey key, long blockNumber, String blockHash,
                   String orderId, String provider, long providerAmount, long fee, long refund,
                   long releaseAt) implements EscrowEvent {
    }

    record Reclaimed(EventKey key, long blockNumber, String blockHash,
                     String orderId, String payer, long amount) implements EscrowEvent {
    }
}
