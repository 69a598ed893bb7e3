package io.cyberplaza.core.quote;

import java.util.Optional;

/** Port: the Quotes table (rows expire by TTL after the quote does). */
public interface QuoteRepository {

    void save(Quote quote);

    Optional<Quote> find(String quoteId);
}
