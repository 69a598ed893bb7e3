package io.cyberplaza.core.groupbuy;

import java.util.List;

/**
 * Where a closed campaign's money went. It balances by construction: everything pledged was either
 * allocated (paid for units) or refunded, and everything allocated paid the vendor or the platform.
 *
 * @param pledged        the funded pledges' deposits, micro-USDC
 * @param allocated      what those pledges paid for their units at the final price
 * @param refunded       what went back to their owners
 * @param vendorCost     what the platform paid the vendor for the units
 * @param platformMargin allocated less the vendor's cost (negative for a loss)
 */
public record CampaignReport(String campaignId, CampaignStatus status, long unitsAllocated, long finalUnitPrice, long pledged,
                             long allocated, long refunded, long vendorCost, long platformMargin) {

    public CampaignReport {
        if (pledged != Math.addExact(allocated, refunded)) throw new IllegalStateException("pledged must equal allocated + refunded");
        if (allocated != Math.addExact(vendorCost, platformMargin)) throw new IllegalStateException("allocated must equal vendor cost + margin");
        if (refunded < 0 || allocated < 0 || vendorCost < 0) throw new IllegalStateException("no amount a campaign moves is negative");
    }

    /**
     * The report of a closed campaign over its funded pledges. A failed campaign refunds everything and
     * buys nothing; a successful one allocates each pledge at the final price and buys from the
     * vendor at {@code vendorUnitCost}. The margin is negative when the platform carried price
     * differences (see {@link Pledge}) beyond what it earns: the report says so rather than hiding it.
     */
    public static CampaignReport of(Campaign campaign, List<Pledge> fundedPledges, long vendorUnitCost) {
        if (!campaign.status().isClosed()) throw new IllegalStateException("campaign " + campaign.campaignId() + " is still open");
        long pledged = 0, allocated = 0, units = 0;
        boolean succeeded = campaign.status() == CampaignStatus.SUCCEEDED
                || (campaign.status() == CampaignStatus.SETTLED && campaign.finalUnitPrice() > 0);
        for (Pledge pledge : fundedPledges) {
            pledged = Math.addExact(pledged, pledge.deposit());
            if (succeeded) {
                allocated = Math.addExact(allocated, pledge.costAt(campaign.finalUnitPrice()));
                units = Math.addExact(units, pledge.quantity());
            }
        }
        long vendorCost = succeeded ? Math.multiplyExact(units, vendorUnitCost) : 0;
        return new CampaignReport(campaign.campaignId(), campaign.status(), units, succeeded ? campaign.finalUnitPrice() : 0, pledged,
                allocated, pledged - allocated, vendorCost, allocated - vendorCost);
    }
}
