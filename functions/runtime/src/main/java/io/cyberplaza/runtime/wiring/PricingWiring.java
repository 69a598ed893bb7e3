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
import io.cyberplaza.vendor.VendorModule;
import io.cyberplaza.vendor.Vendors;
import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import org.web3j.protocol.Web3j;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pricing-oracle function's sources, aggregation settings and feeds, from configuration: the
 * providers' own offers always, and each vendor module's price lists that the deployment enables
 * ({@code cyberplaza.pricing.<source>.enabled}),
 * an on-chain feed for each {@code key=address} in {@code cyberplaza.pricing.feeds}, written by the
 * settler's account through the transaction sender, and the peg from the USDC/USD aggregator at
 * {@code cyberplaza.pricing.peg.feed} (without one no peg is read and quoting stays paused).
 */
@Factory
public class PricingWiring {
    private static final String PREFIX = "cyberplaza.pricing.";

    @Singleton
    PricingOracle pricingOracle(Environment config, ListingRepository listings, PriceRepository prices, PricingRounds rounds, Clock clock,
                                BeanProvider<SecretStore> secrets, BeanProvider<TransactionSender> sender, BeanProvider<Web3j> web3j,
                                Vendors vendors, BeanContext beans) {
        List<PriceSource> sources = new ArrayList<>();
        sources.add(new ListedOfferPrices(listings, clock));
        for (VendorModule vendor : vendors.modules()) {
            try {
                sources.addAll(vendor.priceSources(new ConfiguredVendorSettings(vendor.kind(), config, "cyberplaza.pricing", secrets,
                        vendor.secretNames(), clock, beans)));
            } catch (RuntimeException e) {
                throw new IllegalStateException("the " + vendor.kind() + " price lists could not be built: " + e.getMessage(), e);
            }
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
}
