package io.cyberplaza.store.document;

import io.cyberplaza.core.quote.Quote;
import io.cyberplaza.core.quote.QuoteRepository;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

final class DocumentQuoteRepository implements QuoteRepository {
    private final DocumentTable<Quote> quotes;

    DocumentQuoteRepository(DocumentStore store, String collection) {
        // A quote is worth keeping a day past its validity for disputes; the database's TTL removes it after.
        this.quotes = new DocumentTable<>(store, collection, Quote.class, quote -> DocumentTable.single(quote.quoteId()),
                quote -> Map.of(DocumentStores.EXPIRES_AT, quote.expiresAt().plus(Duration.ofDays(1))));
    }

    @Override
    public void save(Quote quote) {
        quotes.put(quote);
    }

    @Override
    public Optional<Quote> find(String quoteId) {
        return quotes.find(DocumentTable.single(quoteId));
    }
}
