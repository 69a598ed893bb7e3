package io.cyberplaza.core.pricing;

import io.cyberplaza.core.store.KeptReads;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The current prices as the API reads them to quote and to show the market, each key's kept for
 * {@code keepFor} per container (a key without a price too), so a quote costs no table read while they
 * are recent. Prices are published once a round (hourly) and a quote records the reading it used, so a
 * reading seconds old prices as well as a fresh one; a round published by this container is read at once.
 */
public final class RecentPrices implements PriceRepository {
    /** Keys come from listings, which providers write: far above any real count. */
    private static final int SWEEP_ABOVE = 10_000;

    private final PriceRepository prices;
    private final Clock clock;
    private final KeptReads<PriceKey, Optional<PublishedPrice>> kept;

    public RecentPrices(PriceRepository prices, Duration keepFor, Clock clock) {
        this.prices = prices;
        this.clock = clock;
        this.kept = new KeptReads<>(keepFor, clock, SWEEP_ABOVE);
    }

    @Override
    public void publish(List<PriceAggregator.Price> published, Instant at) {
        try {
            prices.publish(published, at);
        } finally {
            kept.forget();
        }
    }

    @Override
    public Optional<PublishedPrice> current(PriceKey key) {
        return Optional.ofNullable(current(Set.of(key)).get(key));
    }

    /** The keys not kept are read together, in one batch. */
    @Override
    public Map<PriceKey, PublishedPrice> current(Collection<PriceKey> keys) {
        Map<PriceKey, PublishedPrice> found = new HashMap<>();
        Set<PriceKey> toRead = new HashSet<>();
        for (PriceKey key : keys) {
            Optional<Optional<PublishedPrice>> recent = kept.recent(key);
            if (recent.isPresent()) recent.get().ifPresent(price -> found.put(key, price));
            else toRead.add(key);
        }
        if (toRead.isEmpty()) return found;
        long writesBefore = kept.writesSoFar();
        Instant readAt = clock.instant();
        Map<PriceKey, PublishedPrice> read = prices.current(toRead);
        for (PriceKey key : toRead) {
            PublishedPrice price = read.get(key);
            kept.keep(key, Optional.ofNullable(price), writesBefore, readAt);
            if (price != null) found.put(key, price);
        }
        return found;
    }

    @Override
    public List<PublishedPrice> history(PriceKey key, int limit) {
        return prices.history(key, limit);
    }
}
