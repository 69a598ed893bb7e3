package io.cyberplaza.core.groupbuy;

import java.util.List;

/** Port: a vendor the platform buys coupons from through its API. */
public interface CouponVendor {

    /**
     * Buys {@code units} coupons of the campaign's kind. {@code idempotencyKey} is the vendor's own
     * idempotency token: a retried purchase returns the first one instead of buying twice.
     *
     * @return the vendor's reference of the purchase
     */
    String purchase(Campaign campaign, long units, String idempotencyKey);

    /** The codes the vendor has issued for the purchase so far (none for vendors that deliver by webhook). */
    List<DeliveredCode> codes(Campaign campaign, String purchaseRef);
}
