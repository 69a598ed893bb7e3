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
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The provisioners a deployment runs: each vendor module the package carries offers its own, from
 * its settings under {@code cyberplaza.provisioners.<kind>} (enabled or not, endpoints, budgets'
 * timings) and the secrets it declared. A kind enabled with no module to build it stops the function
 * at start rather than leaving its offers unlaunchable. What the host hands a module (the local
 * stack's fault tests hand a cloud's module an SDK interceptor) reaches it as a {@code VendorExtension}.
 */
@Factory
public class ProvisionerWiring {
    private static final String PREFIX = "cyberplaza.provisioners.";

    @Singleton
    Provisioners provisioners(Vendors vendors, Clock clock, Environment config, BeanProvider<SecretStore> secrets, BeanContext beans) {
        Set<String> carried = vendors.modules().stream().map(VendorModule::kind).collect(Collectors.toSet());
        for (String kind : config.getPropertyEntries("cyberplaza.provisioners")) {
            if (!carried.contains(kind) && config.getProperty(PREFIX + kind + ".enabled", Boolean.class, false)) {
                throw new IllegalStateException(PREFIX + kind + " is enabled, but this package carries no vendor module of that kind");
            }
        }
        List<Provisioner> provisioners = new ArrayList<>();
        for (VendorModule vendor : vendors.modules()) {
            ConfiguredVendorSettings settings = new ConfiguredVendorSettings(vendor.kind(), config, PREFIX + vendor.kind(), secrets,
                    vendor.secretNames(), clock, beans);
            Optional<Provisioner> provisioner;
            try {
                provisioner = vendor.provisioner(settings);
            } catch (RuntimeException e) {
                throw new IllegalStateException("the " + vendor.kind() + " provisioner could not be built: " + e.getMessage(), e);
            }
            provisioner.filter(built -> !built.kind().equals(vendor.kind())).ifPresent(built -> {
                throw new IllegalStateException("the " + vendor.kind() + " module built a provisioner of kind " + built.kind());
            });
            provisioner.ifPresent(provisioners::add);
        }
        return new Provisioners(provisioners);
    }
}
