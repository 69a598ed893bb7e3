package io.cyberplaza.runtime.wiring;

import io.cyberplaza.core.run.Provisioners;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.vendor.VendorModule;
import io.cyberplaza.vendor.Vendors;
import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The provisioners a deployment runs: each vendor module the package carries offers its own, from
 * its settings under {@code cyberplaza.provisioners.<kind>} (enabled or not, endpoints, budgets'
 * timings) and the secrets it declared. Beans the host registers (the local stack's fault tests add
 * SDK interceptors) reach the modules as extensions.
 */
@Factory
public class ProvisionerWiring {
    private static final String PREFIX = "cyberplaza.provisioners.";

    @Singleton
    Provisioners provisioners(Vendors vendors, Clock clock, Environment config, BeanProvider<SecretStore> secrets, BeanContext beans) {
        List<Provisioner> provisioners = new ArrayList<>();
        for (VendorModule vendor : vendors.modules()) {
            vendor.provisioner(new ConfiguredVendorSettings(config, PREFIX + vendor.kind(), secrets, vendor.secretNames(), clock, beans))
                    .ifPresent(provisioners::add);
        }
        return new Provisioners(provisioners);
    }
}
