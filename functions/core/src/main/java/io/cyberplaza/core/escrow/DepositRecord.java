package io.cyberplaza.core.escrow;

/** One confirmed {@code Deposited} event as kept in the Deposits table. */
public record DepositRecord(EventKey key, String orderId, String payer, long amount, long total,
                            long blockNumber, String blockHash) {

    public static DepositRecord of(EscrowEvent.Deposited event) {
        return new DepositRecord(event.key(), event.orderId(), event.payer(), event.amount(), event.total(),
                event.blockNumber(), event.blockHash());
    }
}
