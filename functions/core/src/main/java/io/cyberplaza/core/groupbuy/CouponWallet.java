package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;

import java.util.Comparator;
import java.util.List;

/** A buyer's coupons. A code is opened only for its owner, and only when asked for. */
public final class CouponWallet {
    private final GroupBuyStore store;
    private final CodeVault vault;

    public CouponWallet(GroupBuyStore store, CodeVault vault) {
        this.store = store;
        this.vault = vault;
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
        return vault.open(get(owner, couponId).code());
    }
}
