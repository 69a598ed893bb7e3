package io.cyberplaza.provisioner.gcp;

import com.google.auth.oauth2.GoogleCredentials;
import io.cyberplaza.core.pricing.PriceSource;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.resilience.CallBudget;
import io.cyberplaza.provisioner.resilience.ResilientProvisioner;
import io.cyberplaza.provisioner.resilience.VendorPolicy;
import io.cyberplaza.vendor.CallbackReader;
import io.cyberplaza.vendor.VendorModule;
import io.cyberplaza.vendor.VendorSettings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compute Engine as a vendor: instances through a service account, Google's Cloud Billing Catalog,
 * and Compute Engine's audit log entries that a log sink pushes through Pub/Sub.
 */
public final class GcpComputeVendor implements VendorModule {
    /** The JSON key of the service account that manages the platform's instances. */
    public static final String SERVICE_ACCOUNT_KEY_SECRET = "gcp-service-account-key";
    /** The API key the pricing oracle reads the Cloud Billing Catalog with. */
    public static final String BILLING_API_KEY_SECRET = "gcp-billing-api-key";
    /** Compute Engine rate quotas, counted per minute and project: 1,500 mutations and 1,500 reads. */
    public static final VendorPolicy POLICY = VendorPolicy.of(CallBudget.perMinute(1_500), CallBudget.perMinute(1_500),
            CallBudget.perMinute(1_500));

    @Override
    public String kind() {
        return GcpComputeProvisioner.KIND;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of(SERVICE_ACCOUNT_KEY_SECRET, BILLING_API_KEY_SECRET);
    }

    @Override
    public Optional<Provisioner> provisioner(VendorSettings settings) {
        if (!settings.enabled(false)) return Optional.empty();
        GcpSettings gcp = new GcpSettings(settings.required("project"), settings.environment(), settings.pairs("subnetworks"),
                settings.value("endpoint").orElse(null));
        return Optional.of(new ResilientProvisioner(new GcpComputeProvisioner(gcp, credentials(settings.secret(SERVICE_ACCOUNT_KEY_SECRET))),
                POLICY.tunedBy(settings::duration)));
    }

    @Override
    public List<PriceSource> priceSources(VendorSettings pricing) {
        VendorSettings catalog = pricing.at(GcpBillingCatalog.NAME);
        if (!catalog.enabled(false)) return List.of();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return List.of(new GcpBillingCatalog(http, URI.create(catalog.value("endpoint", "https://cloudbilling.googleapis.com")),
                catalog.secret(BILLING_API_KEY_SECRET), pricing.clock()));
    }

    @Override
    public Optional<CallbackReader> callbacks() {
        return Optional.of(new ComputeAuditLogs());
    }

    private static GoogleCredentials credentials(String serviceAccountKey) {
        try {
            return GoogleCredentials.fromStream(new ByteArrayInputStream(serviceAccountKey.getBytes(StandardCharsets.UTF_8)))
                    .createScoped("https://www.googleapis.com/auth/compute");
        } catch (IOException e) {
            throw new UncheckedIOException("the service account key is not valid", e);
        }
    }
}
