package io.cyberplaza.core.groupbuy;

import java.util.List;

/**
 * Where a closed campaign's money went, over its participants (the pledges funded when it closed).
 * It balances by construction: everything pledged was either allocated (paid for units) or
 * refunded, and everything allocated paid the vendor or the platform.
 *
 * @param pledged        the participants' deposits, micro-USDC
 * @param allocated      what they paid for their units at the final price
 * @param refunded       what went back to them
 * @param vendorCost     what the vendor is paid for the units
 * @param platformMargin allocated less the vendor's cost
 */
public record CampaignReport(String campaignId, CampaignStatus status, long unitsAllocated, long finalUnitPrice, long pledged,
                             long allocated, long refunded, long vendorCost, long platformMargin) {

    public CampaignReport {
        if (pledged != Math.addExact(allocated, refunded)) throw new IllegalStateException("pledged must equal allocated + refunded");
        if (allocated != Math.addExact(vendorCost, platformMargin)) throw new IllegalStateException("allocated must equal vendor cost + margin");
        if (refunded < 0 || allocated < 0 || vendorCost < 0 || platformMargin < 0) {
            throw new IllegalStateException("no amount a campaign moves is negative");
        }
    }

    /** The report of a closed campaign; pledges that were withdrawn or lapsed are not part of its sale. */
    public static CampaignReport of(Campaign campaign, List<Pledge> pledges) {
        if (!campaign.status().isClosed()) throw new IllegalStateException("campaign " + campaign.campaignId() + " is still open");
        long pledged = 0, allocated = 0, vendorCost = 0, units = 0;
        for (Pledge pledge : pledges) {
            if (!PledgeSplit.isParticipant(pledge)) continue;
            pledged = Math.addExact(pledged, pledge.deposit());
            if (campaign.succeeded()) {
                allocated = Math.addExact(allocated, pledge.costAt(campaign.finalUnitPrice()));
                vendorCost = Math.addExact(vendorCost, PledgeSplit.vendorShare(campaign, pledge));
                units = Math.addExact(units, pledge.quantity());
            }
        }
        return new CampaignReport(campaign.campaignId(), campaign.status(), units, campaign.finalUnitPrice(), pledged, allocated,
                pledged - allocated, vendorCost, allocated - vendorCost);
    }
}
