package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.settlement.SettlementRepository;

import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.List;

/**
 * A buyer's coupons. A code is opened only for its owner, only when asked for, and only once the
 * pledge that bought it is settled on chain; showing it uses the coupon (see {@link Coupon}), so one
 * that paid an order never shows its code and one whose code was shown never pays an order.
 */
public final class CouponWallet {
    private static final int MAX_ATTEMPTS = 16;

    private final GroupBuyStore store;
    private final CodeVault vault;
    private final PaidPledges paid;

    public CouponWallet(GroupBuyStore store, CodeVault vault, SettlementRepository settlements) {
        this.store = store;
        this.vault = vault;
        this.paid = new PaidPledges(store, settlements);
    }

    public List<Coupon> mine(String owner) {
        return store.couponsOf(owner).stream().sorted(Comparator.comparing(Coupon::expiresAt).thenComparing(Coupon::couponId)).toList();
    }

    public Coupon get(String owner, String couponId) {
        return owned(store, owner, couponId);
    }

    /** The coupon, if {@code owner} holds it. */
    static Coupon owned(GroupBuyStore store, String owner, String couponId) {
        // Someone else's coupon is as unknown as one that does not exist: its existence is nobody else's business.
        return store.coupon(couponId).filter(c -> owner.equals(c.owner()))
                .orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no coupon " + couponId + " of yours"));
    }

    public String code(String owner, String couponId) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Coupon coupon = get(owner, couponId);
            switch (coupon.status()) {
                case REVEALED -> {
                    return vault.open(coupon.code());
                }
                case REDEEMED -> throw new DomainException(ErrorType.COUPON_ALREADY_REDEEMED, "coupon " + couponId
                        + " paid for order " + coupon.redeemedFor() + "; its code was used there");
                case ALLOCATED -> {
                    if (!paid.paidForGood(coupon)) {
                        throw new DomainException(ErrorType.STATE_CONFLICT, "coupon " + couponId + "'s code opens once the pledge that "
                                + "bought it is settled on chain; retry after the settlement is confirmed");
                    }
                    // Conditional on ALLOCATED: an order paid with it in between wins, and the code stays closed.
                    if (store.replaceCoupon(coupon, coupon.revealed())) return vault.open(coupon.code());
                }
                case AVAILABLE -> throw new IllegalStateException("coupon " + couponId + " has an owner but is AVAILABLE");
            }
        }
        throw new ConcurrentModificationException("coupon " + couponId + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }
}
