package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.escrow.EscrowAccounts;
import io.cyberplaza.core.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * What the escrow's money does to pledges (the router has recorded the deposit or the settlement).
 * A pending pledge whose deposits cover it is FUNDED, taking its units of the campaign, or LAPSED when
 * none are left; a Settled event makes a participant SETTLED.
 * Undo (a reorg) walks the same steps back. Deposits for pledges that were withdrawn or lapsed stay
 * in the ledger, where the group-buy function finds and refunds them.
 */
public final class PledgeFunding implements EscrowAccounts {
    private static final Logger log = LoggerFactory.getLogger(PledgeFunding.class);

    /** Joins and other deposits move the same campaign; a lost race is read again, and the event redelivered past this. */
    private static final int MAX_ATTEMPTS = 50;

    private final GroupBuyStore store;
    private final Metrics metrics;

    public PledgeFunding(GroupBuyStore store, Metrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public Optional<String> ownerOf(String orderId) {
        return store.pledge(orderId).map(Pledge::owner);
    }

    /**
     * A pending pledge whose deposits cover it takes its units, with the campaign's count in one
     * conditional write, if the campaign is open and has them left; otherwise it lapses (sold out to
     * pledges funded first, or closed) and its deposit is refunded. A reorg that takes the deposit away
     * gives the units back while the campaign is open; once it closed, the pledge stays counted.
     */
    @Override
    public void depositsChanged(String pledgeId, long total) {
        for (int attempt = 1; ; attempt++) {
            Pledge pledge = store.pledge(pledgeId).orElseThrow();
            Campaign campaign = store.campaign(pledge.campaignId()).orElseThrow();
            boolean open = campaign.status() == CampaignStatus.OPEN;
            boolean written;
            if (total >= pledge.deposit() && pledge.status() == Pledge.PledgeStatus.PENDING) {
                if (open && campaign.remaining() >= pledge.quantity()) {
                    written = store.replacePledge(campaign, campaign.withPledged(pledge.quantity()), pledge,
                            pledge.moveTo(Pledge.PledgeStatus.FUNDED));
                    if (written) log.info("pledge funded with {} micro-USDC", total);
                } else {
                    written = store.replacePledge(pledge, pledge.moveTo(Pledge.PledgeStatus.LAPSED));
                    if (written) {
                        log.info("pledge paid after its campaign {} ({} of {} units left); lapsed, its {} micro-USDC will be refunded",
                                open ? "sold out" : "closed", campaign.remaining(), campaign.maxQuantity(), total);
                    }
                }
            } else if (total < pledge.deposit() && pledge.status() == Pledge.PledgeStatus.FUNDED) {
                if (!open) {
                    // Counted in a closed campaign, whose units were bought for it: it stays a participant. A
                    // deposit re-mined on the new chain changes nothing; one that never returns makes the escrow
                    // skip its settlement, which is then decided again over what the escrow holds.
                    metrics.alert("pledge-deposit-reorganised-after-close");
                    log.warn("pledge holds {} of {} micro-USDC after a reorg, its campaign closed; it stays counted", total, pledge.deposit());
                    return;
                }
                written = store.replacePledge(campaign, campaign.withPledged(-pledge.quantity()), pledge, pledge.moveTo(Pledge.PledgeStatus.PENDING));
                if (written) log.warn("pledge holds {} of {} micro-USDC after a reorg; it waits for its deposit again", total, pledge.deposit());
            } else {
                return;
            }
            if (written) return;
            if (attempt >= MAX_ATTEMPTS) throw new IllegalStateException("pledge " + pledgeId + " kept changing while its deposit was recorded");
            Contention.pause(attempt);
        }
    }

    @Override
    public void settled(String pledgeId) {
        moveIf(store.pledge(pledgeId).orElseThrow(), Pledge.PledgeStatus.FUNDED, Pledge.PledgeStatus.SETTLED);
        log.info("pledge settlement confirmed on chain");
    }

    @Override
    public void unsettled(String pledgeId) {
        moveIf(store.pledge(pledgeId).orElseThrow(), Pledge.PledgeStatus.SETTLED, Pledge.PledgeStatus.FUNDED);
    }

    /**
     * Campaign deadlines are refused when they would let a pledge be reclaimed before its settlement,
     * so this is a platform that stopped settling: the pledge's money is back with its owner. The
     * pledge is closed RECLAIMED whatever it was (its settlement, if sent, is skipped by the escrow and
     * the campaign settles without it), the coupons handed to it go back to the campaign, and
     * operators are alerted: the campaign's vendor share for it is now the platform's to carry.
     * A coupon already redeemed cannot be taken back and is named in the log.
     */
    @Override
    public void reclaimed(String pledgeId, long amount) {
        if (closeUnpaid(pledgeId, Pledge.PledgeStatus.RECLAIMED)) {
            metrics.alert("pledge-reclaimed");
            log.warn("pledge {} was reclaimed by its owner on chain ({} micro-USDC); closed RECLAIMED", pledgeId, amount);
        }
    }

    /** Like a reclaim for the campaign: the deposit is gone from the pledge, now in the guardian's dispute. */
    @Override
    public void settledWithoutUs(String pledgeId, long payout) {
        if (closeUnpaid(pledgeId, Pledge.PledgeStatus.DISPUTED)) {
            log.error("a settlement the platform never made took pledge {}'s deposit; closed DISPUTED", pledgeId);
        }
    }

    /** Closes the pledge as {@code closed} unless settled, and takes its coupons back; true when this call closed it. */
    private boolean closeUnpaid(String pledgeId, Pledge.PledgeStatus closed) {
        Pledge pledge = store.pledge(pledgeId).orElseThrow();
        boolean closedNow = false;
        while (pledge.status() != closed && pledge.status() != Pledge.PledgeStatus.SETTLED) {
            if (store.replacePledge(pledge, pledge.moveTo(closed))) {
                closedNow = true;
                break;
            }
            pledge = store.pledge(pledgeId).orElseThrow();
        }
        if (pledge.status() == Pledge.PledgeStatus.SETTLED) {
            log.error("pledge {} is SETTLED yet the chain took its deposit elsewhere ({})", pledgeId, closed);
            return false;
        }
        for (Coupon coupon : store.coupons(pledge.campaignId())) {
            if (!pledgeId.equals(coupon.pledgeId())) continue;
            if (coupon.status() == Coupon.CouponStatus.ALLOCATED) {
                if (!store.replaceCoupon(coupon, coupon.takenBack())) log.warn("coupon {} changed while being taken back", coupon.couponId());
            } else if (coupon.status() == Coupon.CouponStatus.REVEALED) {
                log.error("coupon {} of reclaimed pledge {} had its code shown to its owner already", coupon.couponId(), pledgeId);
            } else if (coupon.status() == Coupon.CouponStatus.REDEEMED) {
                log.error("coupon {} of reclaimed pledge {} was already redeemed for order {}", coupon.couponId(), pledgeId,
                        coupon.redeemedFor());
            }
        }
        return closedNow;
    }

    /** Moves the pledge from {@code from} to {@code to}, re-reading after lost races; false if it is not at {@code from}. */
    private boolean moveIf(Pledge read, Pledge.PledgeStatus from, Pledge.PledgeStatus to) {
        Pledge pledge = read;
        while (pledge.status() == from) {
            if (store.replacePledge(pledge, pledge.moveTo(to))) return true;
            pledge = store.pledge(pledge.pledgeId()).orElseThrow();
        }
        return false;
    }
}
