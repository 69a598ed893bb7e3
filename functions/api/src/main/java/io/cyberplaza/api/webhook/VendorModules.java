package io.cyberplaza.api.webhook;

import io.cyberplaza.vendor.Vendors;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The vendor modules this function's package carries: their callback routes here, their provisioners in the wiring. */
@Factory
public class VendorModules {

    @Singleton
    Vendors vendors() {
        return Vendors.discovered();
    }
}
