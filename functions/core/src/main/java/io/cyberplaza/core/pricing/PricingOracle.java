package io.cyberplaza.core.pricing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pricing-oracle schedule: reads every source (one that fails is reported and the round goes on
 * with the others), aggregates the round, publishes the prices to the Prices table and, where a key
 * has one, to its on-chain feed when the feed's policy says so. Every rejection is in the report.
 */
public final class PricingOracle {
    private static final Logger log = LoggerFactory.getLogger(PricingOracle.class);

    public record Report(int observations, int sourcesRead, List<String> sourcesFailed, int pricesPublished, int feedsUpdated,
                         List<Rejection> rejections) {
    }

    private final List<PriceSource> sources;
    private final PriceAggregator aggregator;
    private final PriceRepository prices;
    private final FeedUpdater feeds;
    private final Clock clock;

    public PricingOracle(List<PriceSource> sources, PriceAggregator aggregator, PriceRepository prices, FeedUpdater feeds, Clock clock) {
        this.sources = List.copyOf(sources);
        this.aggregator = aggregator;
        this.prices = prices;
        this.feeds = feeds;
        this.clock = clock;
    }

    public Report run() {
        List<Observation> observations = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        for (PriceSource source : sources) {
            int before = observations.size();
            try {
                source.read(observations::add);
            } catch (RuntimeException e) {
                // What the source gave before failing is dropped with it: a half-read list is not that source's price.
                observations.subList(before, observations.size()).clear();
                failed.add(source.name());
                rejections.add(new Rejection(source.name(), null, null, Rejection.Reason.SOURCE_FAILED, e.getMessage()));
                log.warn("price source {} failed this round: {}", source.name(), e.getMessage());
            }
        }
        Instant now = clock.instant();
        PriceAggregator.Round round = aggregator.aggregate(observations, now);
        rejections.addAll(round.rejections());
        prices.publish(round.prices(), now);
        int updated = feeds == null ? 0 : feeds.publish(round.prices(), now);
        Report report = new Report(observations.size(), sources.size() - failed.size(), List.copyOf(failed), round.prices().size(), updated,
                List.copyOf(rejections));
        log.info("pricing round: {} observations from {} sources ({} failed), {} prices, {} feeds updated, {} rejections",
                report.observations(), report.sourcesRead(), failed.size(), report.pricesPublished(), updated, rejections.size());
        return report;
    }
}
