package io.cyberplaza.vendor;

import io.cyberplaza.core.pricing.PriceSource;
import io.cyberplaza.provisioner.Provisioner;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One vendor of compute, whole: its provisioner behind its own request budgets, the price lists it
 * publishes, the callbacks it sends and the secrets it reads. A module lists its implementation in
 * {@code META-INF/services/io.cyberplaza.vendor.VendorModule}; the wiring finds it there, so adding a
 * vendor is adding its module to a function's package and its settings to the deployment. Nothing
 * outside the module names the vendor.
 */
public interface VendorModule {

    /** The name offers pick its provisioner by, and the key of its settings: {@code cyberplaza.provisioners.<kind>}. */
    String kind();

    /** The secret-store names it may read; a deployment grants a function these when it enables the vendor. */
    Set<String> secretNames();

    /**
     * Its provisioner when the deployment enables it, already behind the resilience layer with the
     * vendor's documented budgets; empty when it is not enabled.
     *
     * @param settings the vendor's settings, rooted at {@code cyberplaza.provisioners.<kind>}
     */
    Optional<Provisioner> provisioner(VendorSettings settings);

    /**
     * The price lists the pricing oracle reads for this vendor, those the deployment enables.
     *
     * @param pricing the pricing settings, rooted at {@code cyberplaza.pricing}; each list under its own name
     */
    default List<PriceSource> priceSources(VendorSettings pricing) {
        return List.of();
    }

    /** How its state-change callbacks are authenticated and read, when the vendor sends any. */
    default Optional<CallbackReader> callbacks() {
        return Optional.empty();
    }
}
