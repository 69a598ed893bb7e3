package io.cyberplaza.core.groupbuy;

import java.time.Instant;
import java.util.Objects;

/**
 * A buyer's pledge to a campaign, escrowed like an order (the pledge id is the escrow order id).
 * The deposit pays {@code quantity} units at the tier price the pledge reached. A pledge never pays
 * more than that price: if withdrawals leave the campaign in a dearer tier, the platform keeps the
 * buyer's price and carries the difference.
 *
 * @param couponsAllocated how many of its {@code quantity} coupons have been handed to it
 */
public record Pledge(String pledgeId, String campaignId, String owner, long quantity, long unitPrice, long deposit,
                     PledgeStatus status, long couponsAllocated, Instant createdAt, long version) {

    public enum PledgeStatus {
        /** Made; waiting for its deposit. Its units are held for it. */
        PENDING,
        /** Its deposit is confirmed on chain. */
        FUNDED,
        /** Withdrawn by its owner while the campaign was open: whatever it deposited is refunded in full. */
        WITHDRAWN,
        /** Still unfunded when its campaign closed: it buys nothing, and whatever arrives for it is refunded. */
        LAPSED,
        /** Its escrow is settled on chain: allocated at the final price and the difference refunded, or refunded in full. */
        SETTLED,
        /**
         * Its owner took the deposit back on chain before the platform settled it (only possible when
         * settling ran past the reclaim delay): it buys nothing, and coupons handed to it go back.
         */
        RECLAIMED,
        /** A settlement the platform never made took its deposit: it buys nothing; the guardian's dispute decides the money. */
        DISPUTED
    }

    public Pledge {
        Objects.requireNonNull(pledgeId, "pledgeId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (quantity < 1 || unitPrice < 1) throw new IllegalArgumentException("a pledge is of at least one unit at a price");
        if (deposit != Math.multiplyExact(quantity, unitPrice)) throw new IllegalArgumentException("a pledge deposits its units at its price");
        if (couponsAllocated < 0 || couponsAllocated > quantity) throw new IllegalArgumentException("a pledge holds at most a coupon a unit");
    }

    public static Pledge of(String pledgeId, String campaignId, String owner, long quantity, long unitPrice, Instant now) {
        return new Pledge(pledgeId, campaignId, owner, quantity, unitPrice, Math.multiplyExact(quantity, unitPrice), PledgeStatus.PENDING,
                0, now, 1);
    }

    /** Holding units of its campaign: made or funded, not yet withdrawn, lapsed or settled. */
    public boolean isLive() {
        return status == PledgeStatus.PENDING || status == PledgeStatus.FUNDED;
    }

    public boolean isFullyAllocated() {
        return couponsAllocated == quantity;
    }

    /** What the pledge pays at the campaign's final price: never more than the price it pledged at. */
    public long costAt(long finalUnitPrice) {
        if (finalUnitPrice < 0) throw new IllegalArgumentException("a price is not negative");
        return Math.multiplyExact(quantity, Math.min(finalUnitPrice, unitPrice));
    }

    public Pledge moveTo(PledgeStatus next) {
        return new Pledge(pledgeId, campaignId, owner, quantity, unitPrice, deposit, next, couponsAllocated, createdAt, version + 1);
    }

    public Pledge withOneMoreCoupon() {
        return new Pledge(pledgeId, campaignId, owner, quantity, unitPrice, deposit, status, couponsAllocated + 1, createdAt, version + 1);
    }
}
