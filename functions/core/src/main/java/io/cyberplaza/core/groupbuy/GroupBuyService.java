package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.escrow.EscrowLimits;
import io.cyberplaza.core.escrow.TokenGuard;
import io.cyberplaza.core.log.Correlation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Campaigns as operators create them and buyers join them. Every pledge and withdrawal changes the
 * campaign's count in the same conditional write as the pledge, retried against the latest count,
 * so the inventory cap and the per-buyer limit hold however many buyers race.
 */
public final class GroupBuyService {
    private static final Logger log = LoggerFactory.getLogger(GroupBuyService.class);
    /** Enough for a crowd racing for one campaign's last units; each try re-reads the count. */
    private static final int MAX_TRIES = 200;

    /** Unfunded pledges one account may hold at once, across campaigns. */
    public static final int MAX_UNFUNDED = 5;

    /** Room after a campaign's deadline to buy the vendor's coupons and settle every pledge. */
    public static final Duration SETTLEMENT_MARGIN = Duration.ofHours(2);

    private final GroupBuyStore store;
    private final Clock clock;
    private final Duration reclaimDelay;
    private final TokenGuard token;
    private final SecureRandom random = new SecureRandom();

    public GroupBuyService(GroupBuyStore store, Clock clock) {
        this(store, clock, EscrowLimits.RECLAIM_DELAY, TokenGuard.UNWATCHED);
    }

    /**
     * @param reclaimDelay the escrow's: a pledge paid when the campaign opens can be taken back this long after
     * @param token        refuses new pledges while the stablecoin cannot move the escrow's money
     */
    public GroupBuyService(GroupBuyStore store, Clock clock, Duration reclaimDelay, TokenGuard token) {
        this.store = store;
        this.clock = clock;
        this.reclaimDelay = reclaimDelay;
        this.token = token;
    }

    public record CampaignDraft(String title, Campaign.CampaignKind kind, String vendor, String unit, List<PriceTier> tiers,
                                long minQuantity, long maxQuantity, long perUserLimit, Instant deadline, Campaign.Supply supply) {
    }

    public Campaign create(CampaignDraft draft) {
        Instant now = clock.instant();
        if (!draft.deadline().isAfter(now)) throw new DomainException(ErrorType.INVALID_REQUEST, "the deadline has passed");
        Instant latestDeadline = now.plus(reclaimDelay).minus(SETTLEMENT_MARGIN);
        if (draft.deadline().isAfter(latestDeadline)) {
            throw new DomainException(ErrorType.PURCHASE_OUTLASTS_ESCROW, "the deadline can be at most " + latestDeadline
                    + ": a pledge paid today can be reclaimed by its buyer " + reclaimDelay.toHours()
                    + " hours after paying, and the campaign must be settled before that");
        }
        Campaign campaign = Campaign.open("cmp_" + HexFormat.of().formatHex(randomBytes(10)), draft.title(), draft.kind(), draft.vendor(),
                draft.unit(), draft.tiers(), draft.minQuantity(), draft.maxQuantity(), draft.perUserLimit(), draft.deadline(), draft.supply());
        store.createCampaign(campaign);
        log.info("campaign {} opened: {} to {} units of {} from {} until {}", campaign.campaignId(), campaign.minQuantity(),
                campaign.maxQuantity(), campaign.unit(), campaign.vendor(), campaign.deadline());
        return campaign;
    }

    /** Every campaign, open ones first by deadline, then closed ones latest deadline first. */
    public List<Campaign> list() {
        Comparator<Campaign> openFirst = Comparator.comparing(c -> c.status().isClosed());
        return store.campaigns().stream().sorted(openFirst.thenComparing(c -> c.status().isClosed() ? -c.deadline().getEpochSecond()
                : c.deadline().getEpochSecond())).toList();
    }

    public Campaign get(String campaignId) {
        return store.campaign(campaignId).orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no campaign " + campaignId));
    }

    /**
     * A pledge of {@code quantity} units, or a raise of the buyer's earlier ones: a new escrow order
     * to deposit {@code deposit} into, priced at the tier the campaign reaches with it.
     */
    public Pledge join(String owner, String campaignId, long quantity) {
        token.requireUsable();
        // An unfunded pledge holds no units, but each is a row, an escrow id and a lapse to run: a free thing is capped.
        long unfunded = store.pledgesOf(owner).stream().filter(p -> p.status() == Pledge.PledgeStatus.PENDING).count();
        if (unfunded >= MAX_UNFUNDED) {
            throw new DomainException(ErrorType.TOO_MANY_UNPAID, "you hold " + unfunded + " unfunded pledges, as many as an account may; "
                    + "fund one or let one lapse");
        }
        String pledgeId = "0x" + HexFormat.of().formatHex(randomBytes(32));
        try (var correlated = Correlation.order(pledgeId)) {
            for (int attempt = 1; ; attempt++) {
                Campaign campaign = get(campaignId);
                // Read after the campaign: a pledge added since would have moved its version, failing the write.
                long ownersLive = store.pledges(campaignId).stream().filter(p -> p.owner().equals(owner) && p.isLive())
                        .mapToLong(Pledge::quantity).sum();
                Pledge pledge = PledgeRules.join(campaign, pledgeId, owner, ownersLive, quantity, clock.instant());
                // An unfunded pledge holds no units; the write moves the campaign's version only, so two
                // joins of one buyer racing past the per-buyer limit cannot both land.
                if (store.addPledge(campaign, campaign.withPledged(0), pledge)) {
                    log.info("pledged {} units of campaign {} at {} micro-USDC each", quantity, campaignId, pledge.unitPrice());
                    return pledge;
                }
                backOff(attempt, "pledge to " + campaignId);
            }
        }
    }

    /** Withdraws a live pledge while its campaign is open; whatever it deposited is refunded in full. */
    public Pledge withdraw(String owner, String pledgeId) {
        try (var correlated = Correlation.order(pledgeId)) {
            for (int attempt = 1; ; attempt++) {
                Pledge pledge = mine(owner, pledgeId);
                Campaign campaign = get(pledge.campaignId());
                PledgeRules.requireWithdrawable(campaign, pledge, clock.instant());
                Pledge withdrawn = pledge.moveTo(Pledge.PledgeStatus.WITHDRAWN);
                long held = pledge.status() == Pledge.PledgeStatus.FUNDED ? pledge.quantity() : 0;
                if (store.replacePledge(campaign, campaign.withPledged(-held), pledge, withdrawn)) {
                    log.info("pledge withdrawn from campaign {}; its deposit will be refunded", campaign.campaignId());
                    return withdrawn;
                }
                backOff(attempt, "withdrawal of " + pledgeId);
            }
        }
    }

    public Pledge mine(String owner, String pledgeId) {
        return store.pledge(pledgeId).filter(p -> p.owner().equals(owner))
                .orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no pledge " + pledgeId + " of yours"));
    }

    public List<Pledge> pledgesOf(String owner) {
        return store.pledgesOf(owner).stream().sorted(Comparator.comparing(Pledge::createdAt).reversed()).toList();
    }

    public CampaignReport report(String campaignId) {
        Campaign campaign = get(campaignId);
        if (!campaign.status().isClosed()) throw new DomainException(ErrorType.STATE_CONFLICT, "campaign " + campaignId + " is still open");
        return CampaignReport.of(campaign, store.pledges(campaignId));
    }

    private static void backOff(int attempt, String what) {
        if (attempt >= MAX_TRIES) throw new DomainException(ErrorType.CONFLICT, what + " met too many others at once; try again");
        Contention.pause(attempt);
    }

    private byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }
}
