package io.cyberplaza.provisioner.local;

import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.vendor.VendorModule;
import io.cyberplaza.vendor.VendorSettings;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The platform's own provider: applications as processes on the function's host. Enabled unless a
 * deployment turns it off; it calls no vendor, so it needs no budgets, secrets or callbacks.
 */
public final class LocalProcessVendor implements VendorModule {

    @Override
    public String kind() {
        return LocalProcessProvisioner.KIND;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of();
    }

    @Override
    public Optional<Provisioner> provisioner(VendorSettings settings) {
        if (!settings.enabled(true)) return Optional.empty();
        return Optional.of(new LocalProcessProvisioner(Path.of(settings.value("root", "/tmp/cyberplaza/local-process")),
                ApplicationCatalog.standard(), settings.clock()));
    }
}
