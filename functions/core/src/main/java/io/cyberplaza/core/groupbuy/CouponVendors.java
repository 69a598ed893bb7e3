package io.cyberplaza.core.groupbuy;

import java.util.Optional;

/** The vendors the platform buys coupons from through their APIs, by the name campaigns give them. */
@FunctionalInterface
public interface CouponVendors {
    CouponVendors NONE = vendor -> Optional.empty();

    Optional<CouponVendor> of(String vendor);
}
