package io.cyberplaza.provisioner.alibaba;

import io.cyberplaza.core.pricing.Canonical;
import io.cyberplaza.core.pricing.PriceSource;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.resilience.CallBudget;
import io.cyberplaza.provisioner.resilience.ResilientProvisioner;
import io.cyberplaza.provisioner.resilience.VendorPolicy;
import io.cyberplaza.vendor.VendorModule;
import io.cyberplaza.vendor.VendorSettings;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Alibaba Cloud ECS as a vendor: instances through a RAM user's AccessKey, and ECS's price API for
 * the machine types the marketplace resells. It sends no callbacks the platform subscribes to.
 */
public final class AlibabaEcsVendor implements VendorModule {
    /** The AccessKey secret of the RAM user that manages the platform's instances (and reads prices). */
    public static final String ACCESS_KEY_SECRET = "alibaba-access-key-secret";
    /** ECS API flow control: the account's RunInstances and read budgets, kept conservative. */
    public static final VendorPolicy POLICY = VendorPolicy.of(new CallBudget(10, 10), new CallBudget(20, 20), new CallBudget(50, 50));

    @Override
    public String kind() {
        return AlibabaEcsProvisioner.KIND;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of(ACCESS_KEY_SECRET);
    }

    @Override
    public Optional<Provisioner> provisioner(VendorSettings settings) {
        if (!settings.enabled(false)) return Optional.empty();
        EcsSettings ecs = new EcsSettings(settings.environment(), settings.required("access-key-id"), settings.secret(ACCESS_KEY_SECRET),
                settings.list("regions"), settings.pairs("vswitches"), settings.pairs("security-groups"),
                settings.value("endpoint").orElse(null));
        return Optional.of(new ResilientProvisioner(new AlibabaEcsProvisioner(ecs), POLICY.tunedBy(settings::duration)));
    }

    @Override
    public List<PriceSource> priceSources(VendorSettings pricing) {
        VendorSettings prices = pricing.at(AlibabaEcsPrices.NAME);
        if (!prices.enabled(false)) return List.of();
        List<String> regions = prices.list("regions");
        return List.of(new AlibabaEcsPrices(prices.required("access-key-id"), prices.secret(ACCESS_KEY_SECRET),
                prices.value("endpoint").orElse(null), regions.isEmpty() ? List.of("cn-hangzhou", "ap-southeast-1") : regions,
                Canonical.machineTypes("ecs."), pricing.clock()));
    }
}
