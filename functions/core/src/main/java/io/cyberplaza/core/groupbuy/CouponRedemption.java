package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.order.CouponPayments;
import io.cyberplaza.core.order.OrderTerms;
import io.cyberplaza.core.settlement.SettlementRepository;

import java.time.Instant;
import java.util.ConcurrentModificationException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resource coupons paying for orders. A coupon pays for an order of the vendor it was bought from
 * (the campaign's payee is the order's provider) when its face, in unit-hours, covers the order's
 * units times its purchased time. The coupon is used whole: what the order does not need is not
 * kept, because a code the vendor honours once cannot be split.
 */
public final class CouponRedemption implements CouponPayments {
    private static final int MAX_ATTEMPTS = 16;

    private final GroupBuyStore store;
    private final PaidPledges paid;

    public CouponRedemption(GroupBuyStore store, SettlementRepository settlements) {
        this.store = store;
        this.paid = new PaidPledges(store, settlements);
    }

    @Override
    public void checkPays(String owner, String couponId, String orderId, OrderTerms terms, Instant now) {
        Coupon coupon = CouponWallet.owned(store, owner, couponId);
        if (coupon.kind() != Coupon.CouponKind.RESOURCE) {
            throw refused("coupon " + couponId + " is vendor credit; only resource coupons pay for orders");
        }
        if (!now.isBefore(coupon.expiresAt())) throw refused("coupon " + couponId + " expired at " + coupon.expiresAt());
        refuseIfUsedElsewhere(coupon, orderId);
        refuseIfRevealed(coupon);
        refuseUnlessPaidForGood(coupon);
        String vendorPayee = store.campaign(coupon.campaignId()).map(c -> c.supply().payee()).orElse("");
        if (!vendorPayee.equalsIgnoreCase(terms.provider())) {
            throw refused("coupon " + couponId + " is for " + coupon.vendor() + "'s capacity; this offer is another provider's");
        }
        long coveredSeconds = coveredSeconds(coupon).orElseThrow(() -> refused(
                "coupon " + couponId + " is for " + coupon.faceAmount() + " " + coupon.faceUnit() + ", not compute time"));
        long wantedSeconds = Math.multiplyExact((long) terms.units(), terms.purchasedSeconds());
        if (wantedSeconds > coveredSeconds) {
            throw refused("coupon " + couponId + " covers " + coupon.faceAmount() + " " + coupon.faceUnit() + "s; the order needs "
                    + terms.units() + " unit(s) for " + terms.purchasedSeconds() + " s");
        }
    }

    @Override
    public void redeem(String owner, String couponId, String orderId) {
        CouponWallet.owned(store, owner, couponId); // a coupon's owner never changes once it has one
        change(couponId, coupon -> {
            if (isRedeemedFor(coupon, orderId)) return Optional.empty();
            refuseIfUsedElsewhere(coupon, orderId);
            // Checked again at the conditional write: a reveal that won the race leaves nothing to pay with.
            refuseIfRevealed(coupon);
            refuseUnlessPaidForGood(coupon);
            return Optional.of(coupon.redeemedFor(orderId));
        });
    }

    @Override
    public boolean isRedeemedFor(String couponId, String orderId) {
        return store.coupon(couponId).filter(c -> isRedeemedFor(c, orderId)).isPresent();
    }

    @Override
    public void release(String couponId, String orderId) {
        change(couponId, coupon -> Optional.of(coupon).filter(c -> isRedeemedFor(c, orderId)).map(Coupon::released));
    }

    private static boolean isRedeemedFor(Coupon coupon, String orderId) {
        return coupon.status() == Coupon.CouponStatus.REDEEMED && orderId.equals(coupon.redeemedFor());
    }

    /** Read, decide, conditionally write; a lost race reads and decides again. {@code next} returns empty to leave the coupon. */
    private void change(String couponId, Function<Coupon, Optional<Coupon>> next) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Coupon> current = store.coupon(couponId);
            Optional<Coupon> wanted = current.flatMap(next);
            if (wanted.isEmpty() || store.replaceCoupon(current.get(), wanted.get())) return;
        }
        throw new ConcurrentModificationException("coupon " + couponId + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }

    /** Seconds of one unit the coupon buys, when its face is counted in hours of something. */
    static Optional<Long> coveredSeconds(Coupon coupon) {
        String unit = coupon.faceUnit() == null ? "" : coupon.faceUnit().toLowerCase(Locale.ROOT);
        boolean hours = unit.equals("hour") || unit.endsWith("-hour") || unit.endsWith(" hour");
        return hours ? Optional.of(Math.multiplyExact(coupon.faceAmount(), 3_600L)) : Optional.empty();
    }

    private static void refuseIfUsedElsewhere(Coupon coupon, String orderId) {
        if (coupon.status() == Coupon.CouponStatus.REDEEMED && !orderId.equals(coupon.redeemedFor())) {
            throw new DomainException(ErrorType.COUPON_ALREADY_REDEEMED, "coupon " + coupon.couponId() + " already paid for another order");
        }
    }

    private static void refuseIfRevealed(Coupon coupon) {
        if (coupon.status() == Coupon.CouponStatus.REVEALED) {
            throw refused("coupon " + coupon.couponId() + "'s code was shown to its owner to use with the vendor; a code is used once, "
                    + "there or here");
        }
    }

    /** A coupon whose pledge the chain can still undo would pay for compute with money that may go back to its buyer. */
    private void refuseUnlessPaidForGood(Coupon coupon) {
        if (!paid.paidForGood(coupon)) {
            throw refused("coupon " + coupon.couponId() + " pays for orders once the pledge that bought it is settled on chain");
        }
    }

    private static DomainException refused(String detail) {
        return new DomainException(ErrorType.COUPON_NOT_REDEEMABLE, detail);
    }
}
