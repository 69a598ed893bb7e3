package io.cyberplaza.core.offer;

import io.cyberplaza.core.auth.AccountService;
import io.cyberplaza.core.auth.Role;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.fakes.InMemoryAccountRepository;
import io.cyberplaza.core.fakes.InMemoryCapacityLedger;
import io.cyberplaza.core.fakes.InMemoryListingRepository;
import io.cyberplaza.core.fakes.InMemoryProviderRepository;
import io.cyberplaza.core.fakes.InMemoryQuoteRepository;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.TestMarket;
import io.cyberplaza.core.quote.QuoteService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentListingsTest {
    private static final String OPERATOR = "0x00000000000000000000000000000000000000f0";
    private static final String ACME = "0x00000000000000000000000000000000000000a1";
    private static final String BUYER = "0x00000000000000000000000000000000000000c3";
    private static final Duration KEEP = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final AtomicInteger tableReads = new AtomicInteger();
    private final InMemoryListingRepository table = new InMemoryListingRepository();
    private final ListingRepository counted = new ListingRepository() {
        @Override
        public void create(Listing listing) {
            table.create(listing);
        }

        @Override
        public Optional<Listing> find(String offerId) {
            tableReads.incrementAndGet();
            return table.find(offerId);
        }

        @Override
        public boolean replace(Listing expected, Listing next) {
            return table.replace(expected, next);
        }

        @Override
        public List<Listing> findByStatus(ListingStatus status) {
            tableReads.incrementAndGet();
            return table.findByStatus(status);
        }

        @Override
        public List<Listing> findByProvider(String provider) {
            tableReads.incrementAndGet();
            return table.findByProvider(provider);
        }
    };
    private final RecentListings recent = new RecentListings(counted, KEEP, clock);
    private final AccountService accounts = new AccountService(new InMemoryAccountRepository(), Optional.of(OPERATOR), clock);
    private final ListingService service = new ListingService(recent, new InMemoryProviderRepository(), accounts,
            new InMemoryCapacityLedger(), Set.of("local-process"), clock);
    private final QuoteService quotes = new QuoteService(new ListedOffers(recent), TestMarket.atPar(clock), new InMemoryQuoteRepository(), clock);
    private Listing listing;

    @BeforeEach
    void listed() {
        accounts.grant(OPERATOR, ACME, Role.PROVIDER);
        service.register(ACME, "Acme Compute");
        listing = service.list(ACME, new ListingDraft("offer", ResourceType.CPU, "eu", "core", 1_000_000, "local-process", List.of("hold"),
                4, 24, new SlaTerms(9_950, 10), List.of(), List.of(), List.of()));
    }

    private QuoteService.QuoteRequest anHour() {
        return new QuoteService.QuoteRequest(listing.offerId(), 1, 3_600, "hold", Map.of());
    }

    @Test
    void quotesAndTheMarketPageReadTheTableOncePerKeptSpan() {
        tableReads.set(0);
        for (int i = 0; i < 20; i++) {
            quotes.quote(BUYER, anHour());
            service.search(OfferSearch.all());
        }
        assertThat(tableReads).as("one read of the listing, one of those on sale").hasValue(2);

        clock.advance(KEEP);
        quotes.quote(BUYER, anHour());
        service.search(OfferSearch.all());
        assertThat(tableReads).as("read again once what was kept is old").hasValue(4);
    }

    @Test
    void thisContainersOwnChangeShowsAtOnceAndAProvidersOwnListIsAlwaysRead() {
        quotes.quote(BUYER, anHour());
        service.search(OfferSearch.all());

        service.suspend(OPERATOR, listing.offerId(), "under review");
        assertThatThrownBy(() -> quotes.quote(BUYER, anHour()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND));
        assertThat(service.search(OfferSearch.all())).isEmpty();

        int before = tableReads.get();
        service.mine(ACME);
        service.mine(ACME);
        assertThat(tableReads.get() - before).isEqualTo(2);
    }

    @Test
    void anotherContainersChangeShowsOnceWhatWasKeptIsOldAndALostRaceReadsAfresh() {
        quotes.quote(BUYER, anHour());
        Listing stored = table.find(listing.offerId()).orElseThrow();
        assertThat(table.replace(stored, stored.withStatus(ListingStatus.SUSPENDED, "elsewhere", clock.instant()))).isTrue();

        assertThat(quotes.quote(BUYER, anHour()).terms().offerId()).as("kept for its span").isEqualTo(listing.offerId());
        clock.advance(KEEP);
        assertThatThrownBy(() -> quotes.quote(BUYER, anHour())).isInstanceOf(DomainException.class);

        Listing suspended = table.find(listing.offerId()).orElseThrow();
        assertThat(table.replace(suspended, suspended.withStatus(ListingStatus.ACTIVE, "back", clock.instant()))).isTrue();
        assertThat(recent.replace(suspended, suspended.withStatus(ListingStatus.WITHDRAWN, "stale", clock.instant())))
                .as("the replace lost the race").isFalse();
        assertThat(recent.find(listing.offerId()).orElseThrow().status()).as("and the next read is the table's")
                .isEqualTo(ListingStatus.ACTIVE);
    }

    @Test
    void anIdWithNoListingIsNeverKeptSoRandomIdsCannotFillTheContainer() {
        tableReads.set(0);
        for (int i = 0; i < 3; i++) assertThat(recent.find("no-such-offer")).isEmpty();
        assertThat(tableReads).as("asked of the table each time").hasValue(3);
    }

    @Test
    void aChangeIsDecidedOnTheStoredListingNotAKeptCopyThatAlreadyLooksChanged() {
        service.suspend(OPERATOR, listing.offerId(), "under review");
        assertThat(recent.find(listing.offerId()).orElseThrow().status()).isEqualTo(ListingStatus.SUSPENDED);
        // Another container reinstates it; this one still keeps the suspended copy.
        Listing stored = table.find(listing.offerId()).orElseThrow();
        assertThat(table.replace(stored, stored.withStatus(ListingStatus.ACTIVE, "cleared", clock.instant()))).isTrue();

        service.suspend(OPERATOR, listing.offerId(), "under review again");
        assertThat(table.find(listing.offerId()).orElseThrow().status()).as("suspended in the table, not only in a copy")
                .isEqualTo(ListingStatus.SUSPENDED);
    }
}
