package io.cyberplaza.core.groupbuy;

import java.time.Instant;
import java.util.Objects;

/**
 * A vendor's coupon held by the platform: AVAILABLE once collected, ALLOCATED to one pledge's owner,
 * then used once, one way or the other: REVEALED when its owner read the code (to use with the
 * vendor), or REDEEMED when a resource coupon paid an order (given back to ALLOCATED if that order
 * ran for nothing billable). A revealed coupon never pays an order and a redeemed one never shows its
 * code: one code, one use. The code is only ever stored
 * sealed; {@code couponId} is its keyed fingerprint, so the same code collected twice is one coupon.
 *
 * @param faceAmount micro-USDC for value coupons, {@code faceUnit}s for resource coupons
 * @param redeemedFor the order a resource coupon paid for
 */
public record Coupon(String couponId, String campaignId, String vendor, CouponKind kind, long faceAmount, String faceUnit,
                     SealedCode code, Instant expiresAt, CouponStatus status, String owner, String pledgeId, String redeemedFor,
                     long version) {

    public enum CouponKind {
        /** Credit with the vendor, e.g. $100. */
        VALUE,
        /** An amount of one resource, e.g. 1,000 GPU-hours; redeemable as the payment of an order. */
        RESOURCE
    }

    public enum CouponStatus { AVAILABLE, ALLOCATED, REVEALED, REDEEMED }

    public Coupon {
        Objects.requireNonNull(couponId, "couponId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
        if ((status == CouponStatus.AVAILABLE) != (owner == null)) throw new IllegalArgumentException("a coupon has an owner once allocated");
    }

    public static Coupon collected(String couponId, Campaign campaign, SealedCode code, Instant expiresAt) {
        return new Coupon(couponId, campaign.campaignId(), campaign.vendor(), campaign.kind().couponKind(), campaign.supply().faceAmount(),
                campaign.supply().faceUnit(), code, expiresAt, CouponStatus.AVAILABLE, null, null, null, 1);
    }

    public Coupon allocatedTo(Pledge pledge) {
        if (status != CouponStatus.AVAILABLE) throw new IllegalStateException("coupon " + couponId + " is " + status);
        return new Coupon(couponId, campaignId, vendor, kind, faceAmount, faceUnit, code, expiresAt, CouponStatus.ALLOCATED,
                pledge.owner(), pledge.pledgeId(), null, version + 1);
    }

    public Coupon redeemedFor(String orderId) {
        if (status != CouponStatus.ALLOCATED) throw new IllegalStateException("coupon " + couponId + " is " + status);
        return new Coupon(couponId, campaignId, vendor, kind, faceAmount, faceUnit, code, expiresAt, CouponStatus.REDEEMED, owner, pledgeId,
                orderId, version + 1);
    }

    /** Its code shown to its owner: from now on it is the owner's to use with the vendor, never an order's payment. */
    public Coupon revealed() {
        if (status != CouponStatus.ALLOCATED) throw new IllegalStateException("coupon " + couponId + " is " + status);
        return new Coupon(couponId, campaignId, vendor, kind, faceAmount, faceUnit, code, expiresAt, CouponStatus.REVEALED, owner, pledgeId,
                null, version + 1);
    }

    /** Back to the campaign, unowned: the pledge it was handed to was reclaimed unpaid. */
    public Coupon takenBack() {
        if (status != CouponStatus.ALLOCATED) throw new IllegalStateException("coupon " + couponId + " is " + status);
        return new Coupon(couponId, campaignId, vendor, kind, faceAmount, faceUnit, code, expiresAt, CouponStatus.AVAILABLE, null, null,
                null, version + 1);
    }

    /** Back to its owner: the order it paid for ran for nothing billable, or expired before it was funded. */
    public Coupon released() {
        if (status != CouponStatus.REDEEMED) throw new IllegalStateException("coupon " + couponId + " is " + status);
        return new Coupon(couponId, campaignId, vendor, kind, faceAmount, faceUnit, code, expiresAt, CouponStatus.ALLOCATED, owner, pledgeId,
                null, version + 1);
    }
}
