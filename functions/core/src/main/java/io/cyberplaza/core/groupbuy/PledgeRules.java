package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;

import java.time.Instant;

/**
 * Whether a buyer may pledge, and at what price. A raise is a further pledge of the same buyer: it
 * deposits its units at the tier it reaches, and counts against the same per-buyer limit.
 */
public final class PledgeRules {
    private PledgeRules() {
    }

    /**
     * A new pledge of {@code quantity} units by {@code owner}, who already holds {@code ownersLivePledged}
     * units in live pledges, priced at the tier the campaign reaches with it.
     *
     * @throws DomainException STATE_CONFLICT when the campaign no longer takes pledges, INVALID_REQUEST
     *                         past the buyer's limit, CAPACITY_EXHAUSTED past the campaign's inventory (sold out, or fewer units left)
     */
    public static Pledge join(Campaign campaign, String pledgeId, String owner, long ownersLivePledged, long quantity, Instant now) {
        if (campaign.status() != CampaignStatus.OPEN || !now.isBefore(campaign.deadline())) {
            throw new DomainException(ErrorType.STATE_CONFLICT, "campaign " + campaign.campaignId() + " has closed: it takes no more pledges");
        }
        if (quantity < 1) throw new DomainException(ErrorType.INVALID_REQUEST, "a pledge is of at least one unit");
        if (Math.addExact(ownersLivePledged, quantity) > campaign.perUserLimit()) {
            throw new DomainException(ErrorType.INVALID_REQUEST, "one buyer may pledge at most " + campaign.perUserLimit()
                    + " units; you hold " + ownersLivePledged);
        }
        if (campaign.remaining() == 0) {
            throw new DomainException(ErrorType.CAPACITY_EXHAUSTED, "campaign " + campaign.campaignId() + " is sold out");
        }
        if (quantity > campaign.remaining()) {
            throw new DomainException(ErrorType.CAPACITY_EXHAUSTED, "only " + campaign.remaining() + " units are left in campaign "
                    + campaign.campaignId());
        }
        long unitPrice = campaign.unitPriceAt(campaign.pledged() + quantity);
        return Pledge.of(pledgeId, campaign.campaignId(), owner, quantity, unitPrice, now);
    }

    /** A pledge may be withdrawn, and refunded in full, only until its campaign closes. */
    public static void requireWithdrawable(Campaign campaign, Pledge pledge, Instant now) {
        if (!pledge.isLive()) throw new DomainException(ErrorType.STATE_CONFLICT, "pledge " + pledge.pledgeId() + " is " + pledge.status());
        // Sold out is not closed: a withdrawal then frees units for others until the close.
        if (campaign.status() != CampaignStatus.OPEN || !now.isBefore(campaign.deadline())) {
            throw new DomainException(ErrorType.STATE_CONFLICT, "campaign " + campaign.campaignId() + " has closed: its pledges are settled");
        }
    }
}
