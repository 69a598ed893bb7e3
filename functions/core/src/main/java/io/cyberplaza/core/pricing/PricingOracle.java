package io.cyberplaza.core.pricing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pricing-oracle schedule: reads every source (one that fails is reported and the round goes on
 * with the others), aggregates the round, publishes the prices to the Prices table and, where a key
 * has one, to its on-chain feed when the feed's policy says so. The stablecoin's peg is read in the
 * same round and kept beside the prices, where quoting checks it. Every rejection is in the report,
 * and the report is kept for operators.
 */
public final class PricingOracle {
    private static final Logger log = LoggerFactory.getLogger(PricingOracle.class);

    public record Report(int observations, int sourcesRead, List<String> sourcesFailed, int pricesPublished, int feedsUpdated,
                         List<Rejection> rejections) {
    }

    private final List<PriceSource> sources;
    private final PegSource peg;
    private final PriceAggregator aggregator;
    private final PriceRepository prices;
    private final PricingRounds rounds;
    private final FeedUpdater feeds;
    private final Clock clock;

    /**
     * @param peg   null where no stablecoin feed is configured: no peg reading is kept, so quoting stays paused
     * @param feeds null where no key has an on-chain feed
     */
    public PricingOracle(List<PriceSource> sources, PegSource peg, PriceAggregator aggregator, PriceRepository prices, PricingRounds rounds,
                         FeedUpdater feeds, Clock clock) {
        this.sources = List.copyOf(sources);
        this.peg = peg;
        this.aggregator = aggregator;
        this.prices = prices;
        this.rounds = rounds;
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
        int sourcesRead = sources.size() - failed.size();
        Instant now = clock.instant();
        PriceAggregator.Round round = aggregator.aggregate(observations, now);
        rejections.addAll(round.rejections());
        List<PriceAggregator.Price> published = new ArrayList<>(round.prices());
        readPeg(failed, rejections).ifPresent(published::add);
        prices.publish(published, now);
        int updated = feeds == null ? 0 : feeds.publish(round.prices(), now);
        Report report = new Report(observations.size(), sourcesRead, List.copyOf(failed), round.prices().size(), updated,
                List.copyOf(rejections));
        rounds.record(new PricingRounds.RoundRecord(now, report.observations(), report.sourcesRead(), report.sourcesFailed(),
                report.pricesPublished(), updated, rejections.size(), rejections));
        log.info("pricing round: {} observations from {} sources ({} failed), {} prices, {} feeds updated, {} rejections",
                report.observations(), report.sourcesRead(), failed.size(), report.pricesPublished(), updated, rejections.size());
        return report;
    }

    /** The peg as a one-source price of its own key; an unreadable or implausible answer is rejected like any record. */
    private Optional<PriceAggregator.Price> readPeg(List<String> failed, List<Rejection> rejections) {
        if (peg == null) return Optional.empty();
        Peg reading;
        try {
            reading = peg.read();
        } catch (RuntimeException e) {
            failed.add(peg.name());
            rejections.add(new Rejection(peg.name(), null, Peg.KEY, Rejection.Reason.SOURCE_FAILED, e.getMessage()));
            log.warn("peg source {} failed this round: {}", peg.name(), e.getMessage());
            return Optional.empty();
        }
        if (!Peg.KEY.unit().plausible(reading.usdPerUsdcMicros())) {
            rejections.add(new Rejection(peg.name(), null, Peg.KEY, Rejection.Reason.ABSURD, reading.usdPerUsdcMicros() + " USD"));
            return Optional.empty();
        }
        if (!reading.holds()) log.warn("USDC is off its peg: {} micro-USD; quoting pauses", reading.usdPerUsdcMicros());
        return Optional.of(new PriceAggregator.Price(Peg.KEY, reading.usdPerUsdcMicros(), 1, List.of(peg.name())));
    }
}
