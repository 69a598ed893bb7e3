package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A group buy: a vendor resource or coupon bundle sold by the unit, at a price that falls with the
 * total pledged ({@link #tiers}), succeeding from {@code minQuantity} units, never selling more than
 * {@code maxQuantity} (the vendor's inventory), at most {@code perUserLimit} units to one buyer,
 * closing at {@code deadline} or as soon as the maximum is pledged.
 *
 * @param pledged units pledged so far, across every live pledge
 * @param finalUnitPrice the price fixed at a successful close; 0 until then
 */
public record Campaign(String campaignId, String title, CampaignKind kind, String vendor, String unit, List<PriceTier> tiers,
                       long minQuantity, long maxQuantity, long perUserLimit, Instant deadline, CampaignStatus status,
                       long pledged, long finalUnitPrice, long version) {

    public enum CampaignKind { COUPON_BUNDLE, VENDOR_RESOURCE }

    public Campaign {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(deadline, "deadline");
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
        if (pledged < 0 || pledged > maxQuantity) throw new IllegalArgumentException("pledged units must be within the maximum");
    }

    private static DomainException invalid(String why) {
        return new DomainException(ErrorType.INVALID_REQUEST, why);
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

    /** Whether the group-buy schedule should close it now: its deadline passed or it sold out. */
    public boolean isDueAt(Instant now) {
        return status == CampaignStatus.OPEN && (!now.isBefore(deadline) || pledged >= maxQuantity);
    }

    /** The campaign with {@code change} more (or, negative, fewer) units pledged. */
    public Campaign withPledged(long change) {
        return new Campaign(campaignId, title, kind, vendor, unit, tiers, minQuantity, maxQuantity, perUserLimit, deadline, status,
                Math.addExact(pledged, change), finalUnitPrice, version + 1);
    }

    /** Closed: succeeded at the price of everything pledged, or failed short of the minimum. */
    public Campaign closed() {
        if (status != CampaignStatus.OPEN) throw new IllegalStateException("campaign " + campaignId + " is already " + status);
        boolean succeeded = pledged >= minQuantity;
        return new Campaign(campaignId, title, kind, vendor, unit, tiers, minQuantity, maxQuantity, perUserLimit, deadline,
                succeeded ? CampaignStatus.SUCCEEDED : CampaignStatus.FAILED, pledged, succeeded ? unitPriceAt(pledged) : 0, version + 1);
    }
}
