package io.cyberplaza.runtime.wiring;

import io.cyberplaza.chain.ChainPriceFeeds;
import io.cyberplaza.chain.ChainlinkPeg;
import io.cyberplaza.chain.TransactionSender;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.pricing.FeedPolicy;
import io.cyberplaza.core.pricing.FeedUpdater;
import io.cyberplaza.core.pricing.ListedOfferPrices;
import io.cyberplaza.core.pricing.PegSource;
import io.cyberplaza.core.pricing.PriceAggregator;
import io.cyberplaza.core.pricing.PriceRepository;
import io.cyberplaza.core.pricing.PriceSource;
import io.cyberplaza.core.pricing.PricingOracle;
import io.cyberplaza.core.pricing.PricingRounds;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.pricing.AlibabaEcsPrices;
import io.cyberplaza.pricing.AwsOfferFile;
import io.cyberplaza.pricing.AwsPriceList;
import io.cyberplaza.pricing.AwsSpotPrices;
import io.cyberplaza.pricing.AzureRetailPrices;
import io.cyberplaza.core.pricing.Canonical;
import io.cyberplaza.pricing.GcpBillingCatalog;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import org.web3j.protocol.Web3j;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.pricing.PricingClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pricing-oracle function's sources, aggregation settings and feeds, from configuration: the
 * providers' own offers always, each vendor list when enabled ({@code cyberplaza.pricing.<source>.enabled};
 * AWS's through the Query API or, with {@code aws-pricing.mode=offer-file}, the bulk offer files),
 * an on-chain feed for each {@code key=address} in {@code cyberplaza.pricing.feeds}, written by the
 * settler's account through the transaction sender, and the peg from the USDC/USD aggregator at
 * {@code cyberplaza.pricing.peg.feed} (without one no peg is read and quoting stays paused).
 */
@Factory
public class PricingWiring {
    private static final String PREFIX = "cyberplaza.pricing.";

    @Singleton
    PricingOracle pricingOracle(Environment config, ListingRepository listings, PriceRepository prices, PricingRounds rounds, Clock clock,
                                BeanProvider<SecretStore> secrets, BeanProvider<TransactionSender> sender, BeanProvider<Web3j> web3j) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<PriceSource> sources = new ArrayList<>();
        sources.add(new ListedOfferPrices(listings, clock));
        if (enabled(config, AwsPriceList.NAME)) {
            // One AWS list or the other: both are the same vendor's prices and count once.
            String prefix = PREFIX + AwsPriceList.NAME;
            if (config.getProperty(prefix + ".mode", String.class, "query").equals("offer-file")) {
                sources.add(new AwsOfferFile(http, URI.create(config.getProperty(prefix + ".endpoint", String.class,
                        "https://pricing.us-east-1.amazonaws.com")), awsRegions(config), clock));
            } else {
                sources.add(new AwsPriceList(PricingClient.builder().region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(DefaultCredentialsProvider.builder().build()).build(), clock));
            }
        }
        if (enabled(config, AwsSpotPrices.NAME)) {
            List<Ec2Client> clients = awsRegions(config).stream().map(region -> Ec2Client.builder().region(Region.of(region))
                    .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(DefaultCredentialsProvider.builder().build()).build())
                    .toList();
            sources.add(new AwsSpotPrices(clients, config.getProperty(PREFIX + AwsSpotPrices.NAME + ".instance-types",
                    Argument.listOf(String.class)).orElse(List.of("t3.micro", "m7i.large", "m7i.xlarge", "c7i.2xlarge", "g5.xlarge",
                    "p5.48xlarge")), clock));
        }
        if (enabled(config, AzureRetailPrices.NAME)) {
            sources.add(new AzureRetailPrices(http, URI.create(config.getProperty(PREFIX + AzureRetailPrices.NAME + ".endpoint", String.class,
                    "https://prices.azure.com")), clock));
        }
        if (enabled(config, GcpBillingCatalog.NAME)) {
            sources.add(new GcpBillingCatalog(http, URI.create(config.getProperty(PREFIX + GcpBillingCatalog.NAME + ".endpoint", String.class,
                    "https://cloudbilling.googleapis.com")), secrets.get().get(SecretStore.GCP_BILLING_API_KEY), clock));
        }
        if (enabled(config, AlibabaEcsPrices.NAME)) {
            String prefix = PREFIX + AlibabaEcsPrices.NAME;
            sources.add(new AlibabaEcsPrices(config.getProperty(prefix + ".access-key-id", String.class).orElseThrow(
                    () -> new IllegalStateException(prefix + ".access-key-id must be set when the source is enabled")),
                    secrets.get().get(SecretStore.ALIBABA_ACCESS_KEY_SECRET), config.getProperty(prefix + ".endpoint", String.class).orElse(null),
                    config.getProperty(prefix + ".regions", Argument.listOf(String.class)).orElse(List.of("cn-hangzhou", "ap-southeast-1")),
                    Canonical.machineTypes("ecs."), clock));
        }
        PriceAggregator.Settings defaults = PriceAggregator.Settings.defaults();
        PriceAggregator aggregator = new PriceAggregator(new PriceAggregator.Settings(
                config.getProperty(PREFIX + "min-sources", Integer.class, defaults.minSources()),
                config.getProperty(PREFIX + "max-spread-bps", Integer.class, defaults.maxSpreadBps()),
                config.getProperty(PREFIX + "max-age", Duration.class, defaults.maxAge())));
        Map<String, String> feeds = ConfigPairs.read(config, PREFIX + "feeds");
        FeedUpdater feedUpdater = feeds.isEmpty() ? null
                : new FeedUpdater(new ChainPriceFeeds(web3j.get(), sender.get(), feeds), FeedPolicy.defaults());
        PegSource peg = config.getProperty(PREFIX + "peg.feed", String.class).filter(address -> !address.isBlank())
                .map(address -> (PegSource) new ChainlinkPeg(web3j.get(), address,
                        config.getProperty(PREFIX + "peg.max-age", Duration.class, Duration.ofHours(25)), clock))
                .orElse(null);
        return new PricingOracle(sources, peg, aggregator, prices, rounds, feedUpdater, clock);
    }

    private static List<String> awsRegions(Environment config) {
        return config.getProperty(PREFIX + "aws.regions", Argument.listOf(String.class)).orElse(List.of("us-east-1", "us-west-2", "eu-west-1"));
    }

    private static boolean enabled(Environment config, String source) {
        return config.getProperty(PREFIX + source + ".enabled", Boolean.class, false);
    }
}
