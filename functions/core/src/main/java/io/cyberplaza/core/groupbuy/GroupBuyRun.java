package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.log.Correlation;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementService;
import io.cyberplaza.core.settlement.SettlementStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The group-buy function: moves every unfinished campaign as far as it can go. Each step starts
 * from what is stored and ends in a conditional write, so a run that crashes anywhere is finished by
 * the next, and two runs at once do each thing once.
 *
 * <ol>
 *   <li>OPEN: pledges unfunded past the funding window lapse (all unfunded ones at the deadline or
 *       once funded pledges sold the campaign out). Due (deadline passed, or sold out to funded
 *       pledges), the campaign closes: SUCCEEDED at the final tier's price, or FAILED short of the
 *       minimum.</li>
 *   <li>SUCCEEDED: the purchase is made from the vendor (its idempotency key is the campaign), its
 *       codes collected, and each participant allocated one coupon a unit. Only when every
 *       participant holds its coupons are they settled: the vendor's payee paid, the platform's
 *       margin kept, the difference to the final price refunded.</li>
 *   <li>FAILED: every participant refunded in full.</li>
 *   <li>Always: withdrawn and lapsed pledges refunded whatever reached the escrow for them.</li>
 *   <li>SETTLED once every participant's settlement is confirmed on chain; still watched for a week
 *       for late deposits to withdrawn or lapsed pledges.</li>
 * </ol>
 */
public final class GroupBuyRun {
    private static final Logger log = LoggerFactory.getLogger(GroupBuyRun.class);
    /** Settlements per escrow transaction: well inside a block's gas at about 40k gas each. */
    static final int BATCH = 50;

    private final GroupBuyStore store;
    private final DepositLedger ledger;
    private final SettlementService settler;
    private final CouponIntake intake;
    private final CouponVendors vendors;
    private final Duration fundingWindow;
    private final Clock clock;

    /** @param fundingWindow how long an unpaid pledge waits for its deposit, the confirmation grace included */
    public GroupBuyRun(GroupBuyStore store, DepositLedger ledger, SettlementService settler,
                       CouponIntake intake, CouponVendors vendors, Duration fundingWindow, Clock clock) {
        this.fundingWindow = fundingWindow;
        this.store = store;
        this.ledger = ledger;
        this.settler = settler;
        this.intake = intake;
        this.vendors = vendors;
        this.clock = clock;
    }

    /**
     * How long after its deadline a settled campaign is still watched for deposits reaching pledges
     * that were withdrawn or lapsed; later ones the payer takes back with the escrow's reclaim.
     */
    static final Duration LATE_DEPOSIT_WATCH = Duration.ofDays(7);

    /** Advances every campaign not yet settled; one campaign's failure does not hold up the others. */
    public int run() {
        int advanced = 0;
        Instant now = clock.instant();
        for (Campaign campaign : store.campaigns()) {
            if (campaign.status() == CampaignStatus.SETTLED && now.isAfter(campaign.deadline().plus(LATE_DEPOSIT_WATCH))) continue;
            try (var correlated = MDC.putCloseable("campaignId", campaign.campaignId())) {
                advance(campaign.campaignId());
                advanced++;
            } catch (RuntimeException e) {
                log.error("campaign {} could not be advanced; the next run retries", campaign.campaignId(), e);
            }
        }
        return advanced;
    }

    public void advance(String campaignId) {
        Campaign campaign = store.campaign(campaignId).orElseThrow();
        if (campaign.status() == CampaignStatus.OPEN) {
            campaign = lapseUnfunded(campaign);
            if (campaign.status() == CampaignStatus.OPEN) {
                refundLeavers(campaign);
                return;
            }
        }
        switch (campaign.status()) {
            case SUCCEEDED -> {
                campaign = procure(campaign);
                if (allocate(campaign)) settleParticipants(campaign);
            }
            case FAILED -> settleParticipants(campaign);
            default -> {
            }
        }
        refundLeavers(campaign);
        markSettled(campaign);
    }

    /**
     * Lapses pledges left unfunded past the funding window, and all of them once the campaign sold out
     * (no unit is left for them) or its deadline passed; then closes the campaign if it is due. Unfunded
     * pledges hold no units, so nothing is waited for: a deposit that arrives later is refunded.
     */
    private Campaign lapseUnfunded(Campaign campaign) {
        Instant now = clock.instant();
        Campaign current = store.campaign(campaign.campaignId()).orElseThrow();
        boolean noneCanFund = !now.isBefore(current.deadline()) || current.remaining() == 0;
        for (Pledge pledge : store.pledges(campaign.campaignId())) {
            if (pledge.status() != Pledge.PledgeStatus.PENDING) continue;
            if (!noneCanFund && now.isBefore(pledge.createdAt().plus(fundingWindow))) continue;
            // Money already came for it, short of the deposit: it may be topped up until the campaign sells out or
            // closes, holding no units meanwhile (a lapse would only refund it).
            if (!noneCanFund && ledger.totalFor(pledge.pledgeId()) > 0) continue;
            // Conditional on the pledge: a deposit confirmed meanwhile funds it instead, and the next run looks again.
            if (store.replacePledge(pledge, pledge.moveTo(Pledge.PledgeStatus.LAPSED))) {
                log.info("pledge {} of campaign {} lapsed unfunded", pledge.pledgeId(), campaign.campaignId());
            }
        }
        current = store.campaign(campaign.campaignId()).orElseThrow();
        if (!current.isDueAt(now)) return current;
        Campaign closed = current.closed();
        if (!store.replaceCampaign(current, closed)) return store.campaign(campaign.campaignId()).orElseThrow();
        log.info("campaign {} closed {} with {} units at {} micro-USDC each", closed.campaignId(), closed.status(), closed.pledged(),
                closed.finalUnitPrice());
        return closed;
    }

    private Campaign procure(Campaign campaign) {
        if (!campaign.supply().source().purchasedThroughApi()) return campaign;
        CouponVendor vendor = vendors.of(campaign.vendor())
                .orElseThrow(() -> new IllegalStateException("no coupon API is configured for vendor " + campaign.vendor()));
        Campaign current = campaign;
        if (current.purchaseRef() == null) {
            String reference = vendor.purchase(current, current.pledged(), "campaign:" + current.campaignId());
            Campaign purchased = current.withPurchase(reference);
            current = store.replaceCampaign(current, purchased) ? purchased : store.campaign(current.campaignId()).orElseThrow();
            log.info("bought {} units of campaign {} from {}: purchase {}", current.pledged(), current.campaignId(), current.vendor(), reference);
        }
        if (current.supply().source() == CouponSource.VENDOR_API && store.coupons(current.campaignId()).size() < current.pledged()) {
            List<DeliveredCode> codes = vendor.codes(current, current.purchaseRef());
            if (!codes.isEmpty()) intake.receive(current.campaignId(), codes);
        }
        return current;
    }

    /** Hands out coupons, first pledged first served; true when every participant holds all of its own. */
    private boolean allocate(Campaign campaign) {
        Instant now = clock.instant();
        List<Pledge> participants = store.pledges(campaign.campaignId()).stream().filter(PledgeSplit::isParticipant)
                .sorted(Comparator.comparing(Pledge::createdAt).thenComparing(Pledge::pledgeId)).toList();
        List<Coupon> available = new ArrayList<>(store.coupons(campaign.campaignId()).stream()
                .filter(c -> c.status() == Coupon.CouponStatus.AVAILABLE && c.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(Coupon::couponId)).toList());
        boolean complete = true;
        for (Pledge participant : participants) {
            Pledge pledge = participant;
            while (!pledge.isFullyAllocated() && !available.isEmpty()) {
                Coupon coupon = available.removeFirst();
                if (store.allocate(coupon, pledge)) {
                    pledge = pledge.withOneMoreCoupon();
                } else {
                    // Another run took the coupon or moved the pledge: carry on from what is stored.
                    pledge = store.pledge(pledge.pledgeId()).orElseThrow();
                }
            }
            complete &= pledge.isFullyAllocated();
        }
        if (!complete) {
            long held = store.coupons(campaign.campaignId()).stream().filter(c -> c.status() != Coupon.CouponStatus.AVAILABLE).count();
            log.warn("campaign {} holds coupons for {} of {} units; settlement waits for the rest", campaign.campaignId(), held,
                    campaign.pledged());
        }
        return complete;
    }

    private void settleParticipants(Campaign campaign) {
        List<Settlement> ready = new ArrayList<>();
        for (Pledge pledge : store.pledges(campaign.campaignId())) {
            if (pledge.status() != Pledge.PledgeStatus.FUNDED) continue;
            long deposited = ledger.totalFor(pledge.pledgeId());
            if (deposited < PledgeSplit.cost(campaign, pledge)) {
                // A reorganisation after the close took its deposit: it waits for the money to come back, alone.
                log.warn("participant {} of campaign {} holds {} micro-USDC, short of its cost; the others settle without it",
                        pledge.pledgeId(), campaign.campaignId(), deposited);
                continue;
            }
            fixSplit(campaign, pledge).ifPresent(ready::add);
        }
        send(ready);
    }

    private void refundLeavers(Campaign campaign) {
        List<Settlement> ready = new ArrayList<>();
        for (Pledge pledge : store.pledges(campaign.campaignId())) {
            if (pledge.status() != Pledge.PledgeStatus.WITHDRAWN && pledge.status() != Pledge.PledgeStatus.LAPSED) continue;
            fixSplit(campaign, pledge).ifPresent(ready::add);
        }
        send(ready);
    }

    /** The pledge's split, stored once; empty when nothing is held for it or it was already sent. */
    private Optional<Settlement> fixSplit(Campaign campaign, Pledge pledge) {
        long deposited = ledger.totalFor(pledge.pledgeId());
        if (deposited == 0) return Optional.empty();
        try (var correlated = Correlation.order(pledge.pledgeId())) {
            return settler.fix(PledgeSplit.of(campaign, pledge, deposited)).filter(s -> s.status() == SettlementStatus.COMPUTED);
        }
    }

    private void send(List<Settlement> ready) {
        for (int from = 0; from < ready.size(); from += BATCH) {
            settler.send(ready.subList(from, Math.min(ready.size(), from + BATCH)));
        }
    }

    private void markSettled(Campaign campaign) {
        Campaign current = store.campaign(campaign.campaignId()).orElseThrow();
        if (current.status() != CampaignStatus.SUCCEEDED && current.status() != CampaignStatus.FAILED) return;
        boolean allSettled = store.pledges(current.campaignId()).stream().filter(PledgeSplit::isParticipant)
                .allMatch(p -> p.status() == Pledge.PledgeStatus.SETTLED);
        if (allSettled && store.replaceCampaign(current, current.settled())) {
            log.info("campaign {} settled: {}", current.campaignId(), CampaignReport.of(current.settled(), store.pledges(current.campaignId())));
        }
    }
}
