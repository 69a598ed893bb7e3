package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.escrow.EscrowLimits;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A group buy: a vendor resource or coupon bundle sold by the unit, at a price that falls with the
 * total pledged ({@link #tiers}), succeeding from {@code minQuantity} units, never selling more than
 * {@code maxQuantity} (the vendor's inventory), at most {@code perUserLimit} units to one buyer,
 * closing at {@code deadline} or as soon as the maximum is funded. Each unit is delivered as one
 * coupon, described by {@link #supply}. Only funded pledges hold units: a pledge made and never paid
 * costs nothing, so it must not be able to sell a campaign out.
 *
 * @param pledged        units of funded pledges (confirmed deposits), the count the inventory and the tiers apply to
 * @param finalUnitPrice the price fixed at a successful close; 0 until then
 * @param purchaseRef    the vendor's reference of the platform's purchase, once made
 */
public record Campaign(String campaignId, String title, CampaignKind kind, String vendor, String unit, List<PriceTier> tiers,
                       long minQuantity, long maxQuantity, long perUserLimit, Instant deadline, Supply supply, CampaignStatus status,
                       long pledged, long finalUnitPrice, String purchaseRef, long version) {

    public enum CampaignKind {
        /** Vendor credit sold as value coupons (e.g. $100 of credit each). */
        COUPON_BUNDLE,
        /** Vendor capacity sold as resource coupons (e.g. 1,000 GPU-hours each), redeemable for orders. */
        VENDOR_RESOURCE;

        public Coupon.CouponKind couponKind() {
            return this == COUPON_BUNDLE ? Coupon.CouponKind.VALUE : Coupon.CouponKind.RESOURCE;
        }
    }

    /**
     * How the platform buys the units and what each coupon is worth.
     *
     * @param source         how the vendor's codes reach the platform
     * @param payee          the vendor's settlement address on chain: each pledge pays it its units at {@code vendorUnitCost}
     * @param vendorUnitCost what the vendor charges the platform per unit, micro-USDC; at most the cheapest tier's price
     * @param faceAmount     each coupon's face: micro-USDC for value coupons, {@code faceUnit}s for resource coupons
     * @param faceUnit       {@code USDC} for value coupons; the resource's unit (e.g. {@code GPU-hour}) otherwise
     */
    public record Supply(CouponSource source, String payee, long vendorUnitCost, long faceAmount, String faceUnit) {
        public Supply {
            Objects.requireNonNull(source, "source");
            if (payee == null || !payee.matches("0x[0-9a-f]{40}")) throw invalid("the payee is the vendor's 0x address, lower case");
            if (vendorUnitCost < 0) throw invalid("the vendor's unit cost is not negative");
            if (faceAmount < 1) throw invalid("a coupon's face is at least one unit");
            if (faceUnit == null || faceUnit.isBlank()) throw invalid("a coupon's face has a unit");
        }
    }

    public Campaign {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(supply, "supply");
        Objects.requireNonNull(status, "status");
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty() || tiers.getFirst().fromQuantity() != 1) throw invalid("the first price tier starts at one unit");
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).fromQuantity() <= tiers.get(i - 1).fromQuantity() || tiers.get(i).unitPrice() >= tiers.get(i - 1).unitPrice()) {
                throw invalid("price tiers start at ever more units, each at a lower price than the one before");
            }
        }
        if (minQuantity < 1 || maxQuantity < minQuantity) throw invalid("the minimum is at least one unit and at most the maximum");
        if (tiers.getLast().fromQuantity() > maxQuantity) throw invalid("every tier must be reachable within the maximum");
        if (perUserLimit < 1) throw invalid("a buyer may pledge at least one unit");
        // The platform never sells below what it pays: every pledge's cost then covers its units' vendor cost.
        if (supply.vendorUnitCost() > tiers.getLast().unitPrice()) throw invalid("the vendor's unit cost is above the cheapest tier's price");
        // The margin is the settlement's fee; the escrow skips a fee above its cap, so refuse the campaign up front.
        long dearest = tiers.getFirst().unitPrice();
        if (!EscrowLimits.feeWithinCap(dearest - supply.vendorUnitCost(), dearest)) {
            throw invalid("the platform's margin at the first tier is above the escrow's fee cap of " + EscrowLimits.MAX_FEE_BPS / 100 + "% of the price");
        }
        if (pledged < 0 || pledged > maxQuantity) throw new IllegalArgumentException("pledged units must be within the maximum");
    }

    private static DomainException invalid(String why) {
        return new DomainException(ErrorType.INVALID_REQUEST, why);
    }

    public static Campaign open(String campaignId, String title, CampaignKind kind, String vendor, String unit, List<PriceTier> tiers,
                                long minQuantity, long maxQuantity, long perUserLimit, Instant deadline, Supply supply) {
        return new Campaign(campaignId, title, kind, vendor, unit, tiers, minQuantity, maxQuantity, perUserLimit, deadline, supply,
                CampaignStatus.OPEN, 0, 0, null, 1);
    }

    /** The unit price everyone pays when {@code totalQuantity} units are pledged in all. */
    public long unitPriceAt(long totalQuantity) {
        long price = tiers.getFirst().unitPrice();
        for (PriceTier tier : tiers) if (totalQuantity >= tier.fromQuantity()) price = tier.unitPrice();
        return price;
    }

    public long remaining() {
        return maxQuantity - pledged;
    }

    /** Whether a pledge may be made, raised or withdrawn now. */
    public boolean isOpenAt(Instant now) {
        return status == CampaignStatus.OPEN && now.isBefore(deadline) && pledged < maxQuantity;
    }

    /** Whether the group-buy function should close it now: its deadline passed or it sold out. */
    public boolean isDueAt(Instant now) {
        return status == CampaignStatus.OPEN && (!now.isBefore(deadline) || pledged >= maxQuantity);
    }

    /** The campaign with {@code change} more (or, negative, fewer) units pledged. */
    public Campaign withPledged(long change) {
        return new Campaign(campaignId, title, kind, vendor, unit, tiers, minQuantity, maxQuantity, perUserLimit, deadline, supply, status,
                Math.addExact(pledged, change), finalUnitPrice, purchaseRef, version + 1);
    }

    /** Closed: succeeded at the price of everything pledged, or failed short of the minimum. */
    public Campaign closed() {
        if (status != CampaignStatus.OPEN) throw new IllegalStateException("campaign " + campaignId + " is already " + status);
        boolean succeeded = pledged >= minQuantity;
        return new Campaign(campaignId, title, kind, vendor, unit, tiers, minQuantity, maxQuantity, perUserLimit, deadline, supply,
                succeeded ? CampaignStatus.SUCCEEDED : CampaignStatus.FAILED, pledged, succeeded ? unitPriceAt(pledged) : 0, purchaseRef,
                version + 1);
    }

    public Campaign withPurchase(String reference) {
        return new Campaign(campaignId, title, kind, vendor, unit, tiers, minQuantity, maxQuantity, perUserLimit, deadline, supply, status,
                pledged, finalUnitPrice, reference, version + 1);
    }

    /** Every pledge's money has been settled on chain. */
    public Campaign settled() {
        if (!status.isClosed() || status == CampaignStatus.SETTLED) throw new IllegalStateException("campaign " + campaignId + " is " + status);
        return new Campaign(campaignId, title, kind, vendor, unit, tiers, minQuantity, maxQuantity, perUserLimit, deadline, supply,
                CampaignStatus.SETTLED, pledged, finalUnitPrice, purchaseRef, version + 1);
    }

    public boolean succeeded() {
        return status == CampaignStatus.SUCCEEDED || (status == CampaignStatus.SETTLED && finalUnitPrice > 0);
    }
}
