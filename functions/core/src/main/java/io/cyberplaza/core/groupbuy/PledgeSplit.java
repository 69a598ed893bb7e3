package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementStatus;

/**
 * How a pledge's escrow is split, through the same settlement as orders: a participant of a
 * successful campaign pays its units at the final price (never above its own), of which the vendor's
 * payee gets the units at the vendor's cost and the platform the rest as its fee; everything else,
 * and everything of a failed campaign or a withdrawn or lapsed pledge, goes back to the payer.
 */
public final class PledgeSplit {
    private PledgeSplit() {
    }

    /** Funded when its campaign closed: part of the sale (or of the failure's refunds). */
    public static boolean isParticipant(Pledge pledge) {
        return pledge.status() == Pledge.PledgeStatus.FUNDED || pledge.status() == Pledge.PledgeStatus.SETTLED;
    }

    public static long vendorShare(Campaign campaign, Pledge pledge) {
        return Math.multiplyExact(pledge.quantity(), campaign.supply().vendorUnitCost());
    }

    /** The split of {@code deposited} micro-USDC (what the escrow holds for the pledge, over-payments included). */
    /** What the pledge pays for its units: nothing unless it takes part in a campaign that succeeded. */
    public static long cost(Campaign campaign, Pledge pledge) {
        return isParticipant(pledge) && campaign.succeeded() ? pledge.costAt(campaign.finalUnitPrice()) : 0;
    }

    public static Settlement of(Campaign campaign, Pledge pledge, long deposited) {
        long cost = cost(campaign, pledge);
        long vendor = cost == 0 ? 0 : vendorShare(campaign, pledge);
        if (deposited < cost) throw new IllegalStateException("pledge " + pledge.pledgeId() + " holds less than its units cost");
        return new Settlement(pledge.pledgeId(), pledge.owner(), campaign.supply().payee(), deposited, vendor, cost - vendor, deposited - cost, 0,
                SettlementStatus.COMPUTED, null, 0);
    }
}
