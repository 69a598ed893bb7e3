package io.cyberplaza.core.groupbuy;

/** How a campaign's coupon codes reach the platform once the campaign succeeds. */
public enum CouponSource {
    /** Bought through the vendor's API, which answers with the codes. */
    VENDOR_API,
    /** Bought through the vendor's API; the vendor delivers the codes later to the coupon webhook. */
    WEBHOOK,
    /** Bought by an operator outside the platform, who uploads the codes as CSV. */
    UPLOAD;

    public boolean purchasedThroughApi() {
        return this != UPLOAD;
    }
}
