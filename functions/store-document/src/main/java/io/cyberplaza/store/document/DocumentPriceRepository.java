package io.cyberplaza.store.document;

import io.cyberplaza.core.pricing.PriceAggregator;
import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PriceRepository;
import io.cyberplaza.store.document.DocumentStore.DocumentKey;
import io.cyberplaza.store.document.DocumentStore.Write;
import io.cyberplaza.store.document.DocumentTable.Stored;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A price key's partition holds its current price ({@code current}) and its history
 * ({@code h#<Long.MAX_VALUE - millis>}, so ascending rows are newest first on every database).
 */
final class DocumentPriceRepository implements PriceRepository {
    private static final String CURRENT = "current";
    private static final String HISTORY_FROM = "h#";

    record Current(PublishedPrice price) {
    }

    record Historic(PublishedPrice price) {
    }

    private final DocumentTable<Current> current;
    private final DocumentTable<Historic> history;

    DocumentPriceRepository(DocumentStore store, String collection) {
        this.current = new DocumentTable<>(store, collection, Current.class, kept -> currentKey(kept.price().key()));
        this.history = new DocumentTable<>(store, collection, Historic.class,
                kept -> new DocumentKey(kept.price().key().toString(), HISTORY_FROM + String.format("%019d", Long.MAX_VALUE - kept.price().publishedAt().toEpochMilli())));
    }

    private static DocumentKey currentKey(PriceKey key) {
        return new DocumentKey(key.toString(), CURRENT);
    }

    @Override
    public void publish(List<PriceAggregator.Price> prices, Instant at) {
        for (PriceAggregator.Price price : prices) {
            publish(new PublishedPrice(price.key(), price.microUsd(), price.sources(), at));
        }
    }

    /**
     * The history row and the current price share the key's partition, so both are one commit. A round
     * that ran late never replaces a newer current price: it goes to the history only.
     */
    private void publish(PublishedPrice published) {
        Write historic = history.putWrite(new Historic(published));
        for (int attempt = 0; attempt < Contention.MAX_ATTEMPTS; attempt++) {
            Optional<Stored<Current>> stored = current.get(currentKey(published.key()));
            if (stored.isPresent() && stored.get().value().price().publishedAt().isAfter(published.publishedAt())) {
                history.commit(List.of(historic));
                return;
            }
            Write now = stored.isEmpty() ? current.createWrite(new Current(published)) : current.replaceWrite(stored.get(), new Current(published));
            if (history.commit(List.of(historic, now))) return;
            Contention.backOff(attempt);
        }
        throw new IllegalStateException("the current price of " + published.key() + " kept changing");
    }

    @Override
    public Optional<PublishedPrice> current(PriceKey key) {
        return current.find(currentKey(key)).map(Current::price);
    }

    @Override
    public Map<PriceKey, PublishedPrice> current(Collection<PriceKey> keys) {
        if (keys.isEmpty()) return Map.of();
        List<DocumentKey> wanted = keys.stream().distinct().map(DocumentPriceRepository::currentKey).toList();
        return new HashMap<>(current.getAll(wanted).stream().map(Current::price)
                .collect(Collectors.toMap(PublishedPrice::key, Function.identity())));
    }

    @Override
    public List<PublishedPrice> history(PriceKey key, int limit) {
        return history.rows(key.toString(), HISTORY_FROM, limit).stream().map(Historic::price).toList();
    }
}
