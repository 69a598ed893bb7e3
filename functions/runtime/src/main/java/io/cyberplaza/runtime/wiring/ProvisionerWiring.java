package io.cyberplaza.runtime.wiring;

import com.google.auth.oauth2.GoogleCredentials;
import io.cyberplaza.core.run.Provisioners;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.alibaba.AlibabaEcsProvisioner;
import io.cyberplaza.provisioner.alibaba.EcsSettings;
import io.cyberplaza.provisioner.aws.Ec2Provisioner;
import io.cyberplaza.provisioner.aws.Ec2Settings;
import io.cyberplaza.provisioner.azure.AzureComputeProvisioner;
import io.cyberplaza.provisioner.azure.AzureSettings;
import io.cyberplaza.provisioner.azure.ClientCredentialTokens;
import io.cyberplaza.provisioner.gcp.GcpComputeProvisioner;
import io.cyberplaza.provisioner.gcp.GcpSettings;
import io.cyberplaza.provisioner.local.ApplicationCatalog;
import io.cyberplaza.provisioner.local.LocalProcessProvisioner;
import io.cyberplaza.provisioner.resilience.ResilientProvisioner;
import io.cyberplaza.provisioner.resilience.VendorPolicy;
import io.cyberplaza.provisioner.slurm.SlurmApplication;
import io.cyberplaza.provisioner.slurm.SlurmDialect;
import io.cyberplaza.provisioner.slurm.SlurmProvisioner;
import io.cyberplaza.provisioner.slurm.SlurmRestClient;
import io.cyberplaza.provisioner.slurm.SlurmSite;
import io.cyberplaza.provisioner.slurm.SlurmTokens;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The provisioners a deployment runs: the local provider always, and each public cloud the
 * configuration enables ({@code cyberplaza.provisioners.<kind>.enabled}), every one behind the
 * resilience layer with its vendor's documented request budgets. Vendor credentials come from the
 * secret store, read only when the vendor is enabled. Zone-to-network maps are "zone=id" lists.
 * SDK interceptors registered as beans are added to the EC2 client (none in a deployment; the local
 * stack's fault tests add one).
 */
@Factory
public class ProvisionerWiring {
    private static final String PREFIX = "cyberplaza.provisioners.";

    @Singleton
    Provisioners provisioners(Clock clock, Environment config, BeanProvider<SecretStore> secrets, List<ExecutionInterceptor> ec2Interceptors) {
        String environment = config.getProperty("cyberplaza.environment", String.class, "local");
        List<Provisioner> provisioners = new ArrayList<>();
        provisioners.add(new LocalProcessProvisioner(Path.of(config.getProperty(PREFIX + "local-process.root", String.class,
                "/tmp/cyberplaza/local-process")), ApplicationCatalog.standard(), clock));
        if (enabled(config, Ec2Provisioner.KIND)) {
            String region = config.getProperty("cyberplaza.aws.region", String.class, "us-east-1");
            List<String> regions = list(config, Ec2Provisioner.KIND, "regions");
            provisioners.add(resilient(config, Ec2Provisioner.KIND, VendorPolicy.ec2(), new Ec2Provisioner(new Ec2Settings(environment,
                    regions.isEmpty() ? List.of(region) : regions, pairs(config, Ec2Provisioner.KIND, "subnets"),
                    uri(config, Ec2Provisioner.KIND), ec2Interceptors))));
        }
        if (enabled(config, AzureComputeProvisioner.KIND)) {
            String kind = AzureComputeProvisioner.KIND;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            URI arm = uri(config, kind) != null ? uri(config, kind) : URI.create("https://management.azure.com");
            URI authority = URI.create(config.getProperty(PREFIX + kind + ".authority", String.class, "https://login.microsoftonline.com"));
            provisioners.add(resilient(config, kind, VendorPolicy.azure(), new AzureComputeProvisioner(new AzureSettings(arm,
                    required(config, kind, "subscription-id"), required(config, kind, "resource-group"), environment,
                    required(config, kind, "subnet-id"), config.getProperty(PREFIX + kind + ".admin-username", String.class, "cyberplaza"),
                    required(config, kind, "ssh-public-key")),
                    new ClientCredentialTokens(http, authority, required(config, kind, "tenant-id"), required(config, kind, "client-id"),
                            secrets.get().get(SecretStore.AZURE_CLIENT_SECRET), clock), http)));
        }
        if (enabled(config, GcpComputeProvisioner.KIND)) {
            String kind = GcpComputeProvisioner.KIND;
            Map<String, String> subnetworks = pairs(config, kind, "subnetworks");
            GcpSettings settings = new GcpSettings(required(config, kind, "project"), environment, subnetworks,
                    config.getProperty(PREFIX + kind + ".endpoint", String.class).orElse(null));
            provisioners.add(resilient(config, kind, VendorPolicy.gcp(), new GcpComputeProvisioner(settings, googleCredentials(secrets))));
        }
        if (enabled(config, AlibabaEcsProvisioner.KIND)) {
            String kind = AlibabaEcsProvisioner.KIND;
            provisioners.add(resilient(config, kind, VendorPolicy.alibaba(), new AlibabaEcsProvisioner(new EcsSettings(environment,
                    required(config, kind, "access-key-id"), secrets.get().get(SecretStore.ALIBABA_ACCESS_KEY_SECRET),
                    list(config, kind, "regions"), pairs(config, kind, "vswitches"), pairs(config, kind, "security-groups"),
                    config.getProperty(PREFIX + kind + ".endpoint", String.class).orElse(null)))));
        }
        if (enabled(config, SlurmProvisioner.KIND)) {
            provisioners.add(resilient(config, SlurmProvisioner.KIND, VendorPolicy.slurm(), slurm(config, secrets, clock)));
        }
        return new Provisioners(provisioners);
    }

    /** An HPC centre's partition through its slurmrestd; the JWT key (base64) from the secret store. */
    private static SlurmProvisioner slurm(Environment config, BeanProvider<SecretStore> secrets, Clock clock) {
        String kind = SlurmProvisioner.KIND;
        SlurmSite site = new SlurmSite(URI.create(required(config, kind, "endpoint")),
                config.getProperty(PREFIX + kind + ".api-version", String.class, "v0.0.38"), required(config, kind, "user"),
                required(config, kind, "partition"), config.getProperty(PREFIX + kind + ".memory-mb-per-unit", Long.class, 1_024L),
                "gpu".equalsIgnoreCase(config.getProperty(PREFIX + kind + ".billed-by", String.class, "core")),
                Path.of(required(config, kind, "output-root")),
                config.getProperty(PREFIX + kind + ".result-limit-bytes", Long.class, 16L * 1024 * 1024));
        byte[] key = java.util.Base64.getDecoder().decode(secrets.get().get(SlurmTokens.SECRET).strip());
        SlurmRestClient client = new SlurmRestClient(site.rest(), new SlurmTokens(key, site.user(), clock), Duration.ofSeconds(20),
                SlurmDialect.of(site.apiVersion()));
        // The cluster's key is the platform's secret already: it also marks the platform's jobs.
        return new SlurmProvisioner(client, site, SlurmApplication.standard(), key, clock);
    }

    /** The vendor behind Resilience4j; the timings may be shortened for local runs and tests. */
    private static Provisioner resilient(Environment config, String kind, VendorPolicy defaults, Provisioner vendor) {
        VendorPolicy policy = defaults.withTiming(
                config.getProperty(PREFIX + kind + ".call-timeout", Duration.class, defaults.callTimeout()),
                config.getProperty(PREFIX + kind + ".first-backoff", Duration.class, defaults.firstBackoff()),
                defaults.maxBackoff(),
                config.getProperty(PREFIX + kind + ".breaker-open-for", Duration.class, defaults.breakerOpenFor()));
        return new ResilientProvisioner(vendor, policy);
    }

    private static GoogleCredentials googleCredentials(BeanProvider<SecretStore> secrets) {
        try {
            return GoogleCredentials.fromStream(new ByteArrayInputStream(secrets.get().get(SecretStore.GCP_SERVICE_ACCOUNT_KEY)
                    .getBytes(StandardCharsets.UTF_8))).createScoped("https://www.googleapis.com/auth/compute");
        } catch (IOException e) {
            throw new UncheckedIOException("the GCP service account key is not valid", e);
        }
    }

    private static boolean enabled(Environment config, String kind) {
        return config.getProperty(PREFIX + kind + ".enabled", Boolean.class, false);
    }

    private static String required(Environment config, String kind, String name) {
        return config.getProperty(PREFIX + kind + "." + name, String.class)
                .orElseThrow(() -> new IllegalStateException(PREFIX + kind + "." + name + " must be set when " + kind + " is enabled"));
    }

    private static URI uri(Environment config, String kind) {
        return config.getProperty(PREFIX + kind + ".endpoint", String.class).filter(s -> !s.isBlank()).map(URI::create).orElse(null);
    }

    private static List<String> list(Environment config, String kind, String name) {
        return config.getProperty(PREFIX + kind + "." + name, Argument.listOf(String.class)).orElse(List.of()).stream()
                .filter(s -> !s.isBlank()).toList();
    }

    private static Map<String, String> pairs(Environment config, String kind, String name) {
        return ConfigPairs.read(config, PREFIX + kind + "." + name);
    }
}
