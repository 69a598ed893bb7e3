package io.cyberplaza.core.pricing;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The current prices as the API reads them to quote and to show the market, each key's kept for
 * {@code keepFor} per container (a key without a price too), so a quote costs no table read while they
 * are recent. Prices are published once a round (hourly) and a quote records the reading it used, so a
 * reading seconds old prices as well as a fresh one; a round published by this container is read at once.
 */
public final class RecentPrices implements PriceRepository {
    private record Kept(Optional<PublishedPrice> price, Instant readAt) {
    }

    private static final int MAX_KEPT = 10_000;

    private final PriceRepository prices;
    private final Duration keepFor;
    private final Clock clock;
    private final Map<PriceKey, Kept> kept = new ConcurrentHashMap<>();
    /** Moves on at every publish, so a read that raced one does not keep what it saw. */
    private final AtomicLong publishes = new AtomicLong();

    public RecentPrices(PriceRepository prices, Duration keepFor, Clock clock) {
        this.prices = prices;
        this.keepFor = keepFor;
        this.clock = clock;
    }

    @Override
    public void publish(List<PriceAggregator.Price> published, Instant at) {
        try {
            prices.publish(published, at);
        } finally {
            publishes.incrementAndGet();
            kept.clear();
        }
    }

    @Override
    public Optional<PublishedPrice> current(PriceKey key) {
        return Optional.ofNullable(current(Set.of(key)).get(key));
    }

    @Override
    public Map<PriceKey, PublishedPrice> current(Collection<PriceKey> keys) {
        Instant now = clock.instant();
        Map<PriceKey, PublishedPrice> found = new HashMap<>();
        Set<PriceKey> toRead = new HashSet<>();
        for (PriceKey key : keys) {
            Kept entry = kept.get(key);
            if (entry != null && now.isBefore(entry.readAt().plus(keepFor))) entry.price().ifPresent(price -> found.put(key, price));
            else toRead.add(key);
        }
        if (toRead.isEmpty()) return found;
        // Keys come from listings, which providers write: far above any real count, start afresh.
        if (kept.size() >= MAX_KEPT) kept.clear();
        long publishesBefore = publishes.get();
        Map<PriceKey, PublishedPrice> read = prices.current(toRead);
        for (PriceKey key : toRead) {
            PublishedPrice price = read.get(key);
            kept.put(key, new Kept(Optional.ofNullable(price), now));
            if (price != null) found.put(key, price);
        }
        if (publishes.get() != publishesBefore) toRead.forEach(kept::remove);
        return found;
    }

    @Override
    public List<PublishedPrice> history(PriceKey key, int limit) {
        return prices.history(key, limit);
    }
}
