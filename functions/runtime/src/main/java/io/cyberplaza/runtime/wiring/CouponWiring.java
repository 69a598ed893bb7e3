package io.cyberplaza.runtime.wiring;

import io.cyberplaza.core.groupbuy.CouponVendor;
import io.cyberplaza.core.groupbuy.CouponVendors;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.runtime.coupons.HttpCouponVendor;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The coupon vendors with an API: {@code cyberplaza.coupon-vendors.endpoints} lists
 * {@code vendor=https://...}, each with its API key in the secret store as {@code coupon-vendor-<vendor>-key}.
 */
@Factory
public class CouponWiring {

    @Singleton
    CouponVendors couponVendors(Environment config, SecretStore secrets) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, CouponVendor> vendors = new HashMap<>();
        ConfigPairs.read(config, "cyberplaza.coupon-vendors.endpoints").forEach((name, url) ->
                vendors.put(name, new HttpCouponVendor(name, URI.create(url), secrets.get("coupon-vendor-" + name + "-key"), http)));
        Map<String, CouponVendor> configured = Map.copyOf(vendors);
        return vendor -> Optional.ofNullable(configured.get(vendor));
    }
}
