package io.cyberplaza.core.contract;

import io.cyberplaza.core.quote.PriceSnapshot;
import io.cyberplaza.core.quote.Quote;
import io.cyberplaza.core.quote.QuoteRepository;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

public abstract class QuoteRepositoryContract {

    protected abstract QuoteRepository repository();

    @Test
    void aQuoteReadsBackWithItsTermsAndWorkload() {
        QuoteRepository quotes = repository();
        Instant now = Instant.parse("2099-11-24T10:00:00Z");
        Quote quote = new Quote(UUID.randomUUID().toString(), "0x00000000000000000000000000000000000000a1",
                OrderRepositoryContract.TERMS, OrderRepositoryContract.WORKLOAD, 10_000_000L, 2_000_000L, now, now.plusSeconds(900),
                new PriceSnapshot("vcpu_hour/us-east", 41_500L, 3, now.minusSeconds(600), 999_700L, now.minusSeconds(600)));
        quotes.save(quote);
        assertThat(quotes.find(quote.quoteId())).contains(quote);
        assertThat(quotes.find("unknown")).isEmpty();
    }

    @Test
    void aQuoteOfAnOfferWithoutAMarketPriceKeepsWhatItHad() {
        QuoteRepository quotes = repository();
        Instant now = Instant.parse("2099-11-24T10:00:00Z");
        Quote quote = new Quote(UUID.randomUUID().toString(), "0x00000000000000000000000000000000000000a1",
                OrderRepositoryContract.TERMS, OrderRepositoryContract.WORKLOAD, 10_000_000L, 2_000_000L, now, now.plusSeconds(900),
                new PriceSnapshot(null, null, 0, null, 1_000_000L, now.minusSeconds(60)));
        quotes.save(quote);
        assertThat(quotes.find(quote.quoteId())).contains(quote);
    }
}
