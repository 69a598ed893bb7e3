package io.cyberplaza.provisioner.slurm;

import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.resilience.CallBudget;
import io.cyberplaza.provisioner.resilience.ResilientProvisioner;
import io.cyberplaza.provisioner.resilience.VendorPolicy;
import io.cyberplaza.vendor.VendorModule;
import io.cyberplaza.vendor.VendorSettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * An HPC centre's Slurm partition as a vendor: jobs through its slurmrestd, with a JWT the module
 * mints from the cluster's key. The centre's prices are its own listing; Slurm sends no callbacks
 * (the meter reads the controller and accounting instead).
 */
public final class SlurmVendor implements VendorModule {
    /**
     * slurmrestd in front of one controller: Slurm's own {@code max_rpc_cnt} defers RPCs beyond what
     * slurmctld keeps up with, so the platform stays well inside it: submits 5 at 2/s, reads 20 at 10/s.
     */
    public static final VendorPolicy POLICY = VendorPolicy.of(new CallBudget(5, 2), new CallBudget(10, 5), new CallBudget(20, 10));

    @Override
    public String kind() {
        return SlurmProvisioner.KIND;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of(SlurmTokens.SECRET);
    }

    @Override
    public Optional<Provisioner> provisioner(VendorSettings settings) {
        if (!settings.enabled(false)) return Optional.empty();
        SlurmSite site = new SlurmSite(URI.create(settings.required("endpoint")), settings.value("api-version", "v0.0.38"),
                settings.required("user"), settings.required("partition"), settings.number("memory-mb-per-unit", 1_024L),
                "gpu".equalsIgnoreCase(settings.value("billed-by", "core")), Path.of(settings.required("output-root")),
                settings.number("result-limit-bytes", 16L * 1024 * 1024));
        byte[] key = Base64.getDecoder().decode(settings.secret(SlurmTokens.SECRET).strip());
        SlurmRestClient client = new SlurmRestClient(site.rest(), new SlurmTokens(key, site.user(), settings.clock()),
                Duration.ofSeconds(20), SlurmDialect.of(site.apiVersion()));
        // The cluster's key is the platform's secret already: it also marks the platform's jobs.
        SlurmProvisioner slurm = new SlurmProvisioner(client, site, SlurmApplication.standard(), key, settings.clock());
        return Optional.of(new ResilientProvisioner(slurm, POLICY.tunedBy(settings::duration)));
    }
}
