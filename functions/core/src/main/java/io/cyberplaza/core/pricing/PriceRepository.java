package io.cyberplaza.core.pricing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: the Prices table, the current price of each key and the history of every round. */
public interface PriceRepository {

    /** A price as published by a round. */
    record PublishedPrice(PriceKey key, long microUsd, int sources, Instant publishedAt) {
    }

    /** Makes these the current prices of their keys and adds them to the history; a key's older rounds never overwrite a newer one. */
    void publish(List<PriceAggregator.Price> prices, Instant at);

    Optional<PublishedPrice> current(PriceKey key);

    /** The current prices of these keys, read in batches; keys without a price are absent. */
    Map<PriceKey, PublishedPrice> current(Collection<PriceKey> keys);

    /** The key's history, newest first, at most {@code limit} rounds. */
    List<PublishedPrice> history(PriceKey key, int limit);
}
