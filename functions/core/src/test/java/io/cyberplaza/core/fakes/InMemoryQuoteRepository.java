package io.cyberplaza.core.fakes;

import io.cyberplaza.core.quote.Quote;
import io.cyberplaza.core.quote.QuoteRepository;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

public final class InMemoryQuoteRepository implements QuoteRepository {
    private final ConcurrentMap<String, Quote> quotes = new ConcurrentHashMap<>();

    @Override
    public void save(Quote quote) {
        quotes.put(quote.quoteId(), quote);
    }

    public int size() {
        return quotes.size();
    }

    @Override
    public Optional<Quote> find(String quoteId) {
        return Optional.ofNullable(quotes.get(quoteId));
    }
}
