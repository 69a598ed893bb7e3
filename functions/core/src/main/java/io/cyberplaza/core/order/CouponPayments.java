package io.cyberplaza.core.order;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;

import java.time.Instant;

/**
 * Port: resource coupons as the payment of orders. A coupon is redeemed for one order at most; it
 * comes back to its owner only when that order ran for nothing the buyer would have paid for.
 */
public interface CouponPayments {

    /**
     * Refuses, with the reason, a coupon that cannot pay for {@code terms}: not the owner's, not a
     * resource coupon, expired, of another vendor, too small, or already used for another order.
     *
     * @throws io.cyberplaza.core.error.DomainException with the reason
     */
    void checkPays(String owner, String couponId, String orderId, OrderTerms terms, Instant now);

    /**
     * Marks the coupon redeemed for {@code orderId}; again for the same order is a no-op.
     *
     * @throws io.cyberplaza.core.error.DomainException when it was used for another order meanwhile
     */
    void redeem(String owner, String couponId, String orderId);

    boolean isRedeemedFor(String couponId, String orderId);

    /** Gives the coupon back to its owner, if it is still redeemed for {@code orderId}. */
    void release(String couponId, String orderId);

    /** Where no coupons exist: every coupon is refused. */
    CouponPayments NONE = new CouponPayments() {
        @Override
        public void checkPays(String owner, String couponId, String orderId, OrderTerms terms, Instant now) {
            throw new DomainException(ErrorType.NOT_FOUND, "no coupon " + couponId);
        }

        @Override
        public void redeem(String owner, String couponId, String orderId) {
            throw new DomainException(ErrorType.NOT_FOUND, "no coupon " + couponId);
        }

        @Override
        public boolean isRedeemedFor(String couponId, String orderId) {
            return false;
        }

        @Override
        public void release(String couponId, String orderId) {
        }
    };
}
