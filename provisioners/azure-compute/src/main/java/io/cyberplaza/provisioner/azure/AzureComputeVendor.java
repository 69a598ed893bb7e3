package io.cyberplaza.provisioner.azure;

import io.cyberplaza.core.pricing.PriceSource;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.resilience.CallBudget;
import io.cyberplaza.provisioner.resilience.ResilientProvisioner;
import io.cyberplaza.provisioner.resilience.VendorPolicy;
import io.cyberplaza.vendor.CallbackReader;
import io.cyberplaza.vendor.VendorModule;
import io.cyberplaza.vendor.VendorSettings;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Azure virtual machines as a vendor: VMs through Resource Manager with a service principal, the
 * Retail Prices API, and Resource Manager's events that Event Grid delivers.
 */
public final class AzureComputeVendor implements VendorModule {
    /** The client secret of the service principal that manages the platform's VMs. */
    public static final String CLIENT_SECRET = "azure-client-secret";
    /** The secret delivery header of the Event Grid subscription. */
    public static final String WEBHOOK_KEY_SECRET = "webhook-azure-key";
    /** Azure Resource Manager's token buckets per subscription and region: writes 200 at 10/s, reads 250 at 25/s. */
    public static final VendorPolicy POLICY = VendorPolicy.of(new CallBudget(200, 10), new CallBudget(200, 10), new CallBudget(250, 25));

    @Override
    public String kind() {
        return AzureComputeProvisioner.KIND;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of(CLIENT_SECRET, WEBHOOK_KEY_SECRET);
    }

    @Override
    public Optional<Provisioner> provisioner(VendorSettings settings) {
        if (!settings.enabled(false)) return Optional.empty();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        AzureSettings azure = new AzureSettings(settings.uri("endpoint").orElse(URI.create("https://management.azure.com")),
                settings.required("subscription-id"), settings.required("resource-group"), settings.environment(),
                settings.required("subnet-id"), settings.value("admin-username", "cyberplaza"), settings.required("ssh-public-key"));
        ClientCredentialTokens tokens = new ClientCredentialTokens(http,
                URI.create(settings.value("authority", "https://login.microsoftonline.com")), settings.required("tenant-id"),
                settings.required("client-id"), settings.secret(CLIENT_SECRET), settings.clock());
        return Optional.of(new ResilientProvisioner(new AzureComputeProvisioner(azure, tokens, http), POLICY.tunedBy(settings::duration)));
    }

    @Override
    public List<PriceSource> priceSources(VendorSettings pricing) {
        VendorSettings retail = pricing.at(AzureRetailPrices.NAME);
        if (!retail.enabled(false)) return List.of();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return List.of(new AzureRetailPrices(http, URI.create(retail.value("endpoint", "https://prices.azure.com")), pricing.clock()));
    }

    @Override
    public Optional<CallbackReader> callbacks() {
        return Optional.of(new ResourceManagerEvents());
    }
}
