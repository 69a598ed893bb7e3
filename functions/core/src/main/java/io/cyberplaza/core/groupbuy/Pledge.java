package io.cyberplaza.core.groupbuy;

import java.util.Objects;

/**
 * A buyer's pledge to a campaign, escrowed like an order (the pledge id is the escrow order id).
 * The deposit pays {@code quantity} units at the tier price the pledge reached. A pledge never pays
 * more than that price: if withdrawals leave the campaign in a dearer tier, the platform keeps the
 * buyer's price and carries the difference.
 */
public record Pledge(String pledgeId, String campaignId, String owner, long quantity, long unitPrice, long deposit,
                     PledgeStatus status, long version) {

    public enum PledgeStatus {
        /** Made; waiting for its deposit. */
        PENDING,
        /** Its deposit is confirmed on chain. */
        FUNDED,
        /** Withdrawn by its owner while the campaign was open: refunded in full. */
        WITHDRAWN,
        /** The campaign closed: allocated at the final price, the difference refunded (or all refunded if it failed). */
        SETTLED
    }

    public Pledge {
        Objects.requireNonNull(pledgeId, "pledgeId");
        Objects.requireNonNull(status, "status");
        if (quantity < 1 || unitPrice < 1) throw new IllegalArgumentException("a pledge is of at least one unit at a price");
        if (deposit != Math.multiplyExact(quantity, unitPrice)) throw new IllegalArgumentException("a pledge deposits its units at its price");
    }

    public static Pledge of(String pledgeId, String campaignId, String owner, long quantity, long unitPrice) {
        return new Pledge(pledgeId, campaignId, owner, quantity, unitPrice, Math.multiplyExact(quantity, unitPrice), PledgeStatus.PENDING, 1);
    }

    public boolean isLive() {
        return status == PledgeStatus.PENDING || status == PledgeStatus.FUNDED;
    }

    /** What the pledge pays at the campaign's final price: never more than the price it pledged at. */
    public long costAt(long finalUnitPrice) {
        if (finalUnitPrice < 0) throw new IllegalArgumentException("a price is not negative");
        return Math.multiplyExact(quantity, Math.min(finalUnitPrice, unitPrice));
    }
}
