package io.cyberplaza.provisioner.aws;

import io.cyberplaza.core.pricing.PriceSource;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.resilience.CallBudget;
import io.cyberplaza.provisioner.resilience.ResilientProvisioner;
import io.cyberplaza.provisioner.resilience.VendorPolicy;
import io.cyberplaza.vendor.CallbackReader;
import io.cyberplaza.vendor.VendorModule;
import io.cyberplaza.vendor.VendorSettings;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.pricing.PricingClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Amazon EC2 as a vendor: instances in the enabled regions, AWS's price lists (the Price List Query
 * API or its bulk offer files, and spot prices), and EC2 state changes that EventBridge delivers.
 */
public final class Ec2Vendor implements VendorModule {
    /** The key EventBridge's API destination sends with EC2 state changes. */
    public static final String WEBHOOK_KEY_SECRET = "webhook-aws-key";
    /** EC2 request throttling: RunInstances bucket 5 refilled 2/s, mutating calls 50 at 5/s, describes 100 at 20/s. */
    public static final VendorPolicy POLICY = VendorPolicy.of(new CallBudget(5, 2), new CallBudget(50, 5), new CallBudget(100, 20));

    private static final List<String> SPOT_TYPES = List.of("t3.micro", "m7i.large", "m7i.xlarge", "c7i.2xlarge", "g5.xlarge", "p5.48xlarge");

    @Override
    public String kind() {
        return Ec2Provisioner.KIND;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of(WEBHOOK_KEY_SECRET);
    }

    /**
     * Credentials come from the function's role (the SDK's default chain), never from the secret
     * store. Without a {@code regions} setting it launches in the function's own region.
     */
    @Override
    public Optional<Provisioner> provisioner(VendorSettings settings) {
        if (!settings.enabled(false)) return Optional.empty();
        List<String> regions = settings.list("regions");
        Ec2Settings ec2 = new Ec2Settings(settings.environment(), regions.isEmpty() ? List.of(ownRegion()) : regions,
                settings.pairs("subnets"), settings.uri("endpoint").orElse(null), settings.extensions(ExecutionInterceptor.class));
        return Optional.of(new ResilientProvisioner(new Ec2Provisioner(ec2), POLICY.tunedBy(settings::duration)));
    }

    private static String ownRegion() {
        String region = System.getenv("AWS_REGION");
        return region == null || region.isBlank() ? "us-east-1" : region;
    }

    @Override
    public List<PriceSource> priceSources(VendorSettings pricing) {
        List<PriceSource> sources = new ArrayList<>();
        List<String> regions = pricing.list("aws.regions");
        List<String> priceRegions = regions.isEmpty() ? List.of("us-east-1", "us-west-2", "eu-west-1") : regions;
        VendorSettings list = pricing.at(AwsPriceList.NAME);
        if (list.enabled(false)) {
            // One AWS list or the other: both are the same vendor's prices and count once.
            if (list.value("mode", "query").equals("offer-file")) {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                sources.add(new AwsOfferFile(http, URI.create(list.value("endpoint", "https://pricing.us-east-1.amazonaws.com")),
                        priceRegions, pricing.clock()));
            } else {
                sources.add(new AwsPriceList(PricingClient.builder().region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(DefaultCredentialsProvider.builder().build()).build(), pricing.clock()));
            }
        }
        VendorSettings spot = pricing.at(AwsSpotPrices.NAME);
        if (spot.enabled(false)) {
            List<Ec2Client> clients = priceRegions.stream().map(region -> Ec2Client.builder().region(Region.of(region))
                    .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(DefaultCredentialsProvider.builder().build()).build())
                    .toList();
            List<String> types = spot.list("instance-types");
            sources.add(new AwsSpotPrices(clients, types.isEmpty() ? SPOT_TYPES : types, pricing.clock()));
        }
        return sources;
    }

    @Override
    public Optional<CallbackReader> callbacks() {
        return Optional.of(new Ec2StateChanges());
    }
}
