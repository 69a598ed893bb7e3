package io.cyberplaza.core.fakes;

import io.cyberplaza.core.pricing.PriceAggregator;
import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PriceRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryPriceRepository implements PriceRepository {
    private final Map<PriceKey, List<PublishedPrice>> history = new ConcurrentHashMap<>();

    @Override
    public synchronized void publish(List<PriceAggregator.Price> prices, Instant at) {
        for (PriceAggregator.Price price : prices) {
            List<PublishedPrice> rounds = history.computeIfAbsent(price.key(), k -> new ArrayList<>());
            rounds.removeIf(round -> round.publishedAt().equals(at));
            rounds.add(new PublishedPrice(price.key(), price.microUsd(), price.sources(), at));
            rounds.sort(Comparator.comparing(PublishedPrice::publishedAt).reversed());
        }
    }

    @Override
    public synchronized Optional<PublishedPrice> current(PriceKey key) {
        return history.getOrDefault(key, List.of()).stream().findFirst();
    }

    @Override
    public synchronized Map<PriceKey, PublishedPrice> current(Collection<PriceKey> keys) {
        Map<PriceKey, PublishedPrice> found = new HashMap<>();
        keys.forEach(key -> current(key).ifPresent(price -> found.put(key, price)));
        return found;
    }

    @Override
    public synchronized List<PublishedPrice> history(PriceKey key, int limit) {
        return history.getOrDefault(key, List.of()).stream().limit(limit).toList();
    }
}
