package io.cyberplaza.core.settlement;

import java.math.BigInteger;
import java.util.Objects;

/**
 * How an order's escrow is split. Amounts are micro-USDC and always add up to the deposit, which is
 * checked here so that no split that breaks conservation can even be built. {@code owner} is the
 * address the order belongs to on chain (its key there is the owner and the order id together).
 */
public record Settlement(
        String orderId,
        String owner,
        String provider,
        long deposit,
        long providerAmount,
        long fee,
        long refund,
        long releaseAt,
        SettlementStatus status,
        String outboxTxId,
        long version) {

    public Settlement {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(status, "status");
        if (providerAmount < 0 || fee < 0 || refund < 0) {
            throw new IllegalArgumentException("settlement amounts must not be negative");
        }
        if (Math.addExact(Math.addExact(providerAmount, fee), refund) != deposit) {
            throw new IllegalArgumentException("settlement of " + orderId + " does not conserve the deposit: "
                    + providerAmount + " + " + fee + " + " + refund + " != " + deposit);
        }
    }

    public Settlement submitted(String txId) {
        return next(SettlementStatus.SUBMITTED, txId);
    }

    public Settlement confirmed() {
        return next(SettlementStatus.CONFIRMED, outboxTxId);
    }

    /** The next version of this split in {@code status}, sent (or to be sent) as {@code txId}. */
    public Settlement next(SettlementStatus status, String txId) {
        return new Settlement(orderId, owner, provider, deposit, providerAmount, fee, refund, releaseAt, status, txId, version + 1);
    }

    /**
     * This split decided again over what the escrow actually holds, as the next COMPUTED version: what
     * it charged stands when the balance covers it and the rest is refunded; otherwise the charge is
     * capped at the balance, the fee scaled down with it (rounded down, like every fee).
     */
    public Settlement over(long balance) {
        long charged = Math.addExact(providerAmount, fee);
        long newFee = charged <= balance ? fee
                : BigInteger.valueOf(fee).multiply(BigInteger.valueOf(balance)).divide(BigInteger.valueOf(charged)).longValueExact();
        long newCharge = Math.min(charged, balance);
        return new Settlement(orderId, owner, provider, balance, newCharge - newFee, newFee, balance - newCharge, releaseAt,
                SettlementStatus.COMPUTED, outboxTxId, version + 1);
    }

    /** {@code replacement}'s amounts stored as the next version of this row. */
    public Settlement replacedBy(Settlement replacement) {
        return new Settlement(orderId, owner, replacement.provider(), replacement.deposit(), replacement.providerAmount(),
                replacement.fee(), replacement.refund(), replacement.releaseAt(), replacement.status(), replacement.outboxTxId(),
                version + 1);
    }
}
