package io.cyberplaza.core.offer;

import io.cyberplaza.core.fakes.TestMarket;
import io.cyberplaza.core.auth.AccountService;
import io.cyberplaza.core.auth.Role;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.fakes.InMemoryAccountRepository;
import io.cyberplaza.core.fakes.InMemoryListingRepository;
import io.cyberplaza.core.fakes.InMemoryProviderRepository;
import io.cyberplaza.core.fakes.InMemoryQuoteRepository;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.quote.QuoteService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListingServiceTest {
    private static final String OPERATOR = "0x00000000000000000000000000000000000000f0";
    private static final String ACME = "0x00000000000000000000000000000000000000a1";
    private static final String BOLT = "0x00000000000000000000000000000000000000b2";
    private static final String BUYER = "0x00000000000000000000000000000000000000c3";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final AccountService accounts = new AccountService(new InMemoryAccountRepository(), Optional.of(OPERATOR), clock);
    private final InMemoryListingRepository listings = new InMemoryListingRepository();
    private final ListingService service = new ListingService(listings, new InMemoryProviderRepository(), accounts,
            new io.cyberplaza.core.fakes.InMemoryCapacityLedger(), Set.of("local-process"), clock);
    private final QuoteService quotes = new QuoteService(new ListedOffers(listings), TestMarket.atPar(clock), new InMemoryQuoteRepository(), clock);

    @BeforeEach
    void providers() {
        accounts.grant(OPERATOR, ACME, Role.PROVIDER);
        accounts.grant(OPERATOR, BOLT, Role.PROVIDER);
        service.register(ACME, "Acme Compute");
        service.register(BOLT, "Bolt GPUs");
    }

    private static ListingDraft draft(ResourceType type, String region, long price, Benchmark... benchmarks) {
        return new ListingDraft("offer", type, region, "unit", price, "local-process", List.of("hold"), 4, 24,
                new SlaTerms(9_950, 10), List.of(benchmarks), List.of(), List.of());
    }

    private static Benchmark hpl(String value) {
        return new Benchmark(BenchmarkKind.HPL, new BigDecimal(value), "TFLOP/s", LocalDate.parse("2026-11-01"), "https://example.org/hpl");
    }

    private static void assertRefused(Runnable call, ErrorType type) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(type));
    }

    @Test
    void aProviderListsAnOfferThatBuyersCanBeQuoted() {
        Listing listing = service.list(ACME, draft(ResourceType.CPU, "eu-west", 1_000_000));
        assertThat(listing.status()).isEqualTo(ListingStatus.ACTIVE);
        assertThat(listing.provider()).isEqualTo(ACME);
        assertThat(listing.offer().tier()).isEqualTo(FeeTier.BASIC);
        var quote = quotes.quote(BUYER, new QuoteService.QuoteRequest(listing.offerId(), 1, 3_600, "hold", Map.of()));
        assertThat(quote.terms().provider()).isEqualTo(ACME);
        assertThat(quote.terms().feeBps()).isEqualTo(500);
    }

    @Test
    void onlyProvidersListAndOnlyTheOwnerChangesOrWithdraws() {
        assertRefused(() -> service.list(BUYER, draft(ResourceType.CPU, "eu", 1_000_000)), ErrorType.FORBIDDEN);
        accounts.grant(OPERATOR, BUYER, Role.PROVIDER);
        assertRefused(() -> service.list(BUYER, draft(ResourceType.CPU, "eu", 1_000_000)), ErrorType.STATE_CONFLICT);

        Listing acme = service.list(ACME, draft(ResourceType.CPU, "eu", 1_000_000));
        assertRefused(() -> service.revise(BOLT, acme.offerId(), draft(ResourceType.CPU, "eu", 1)), ErrorType.FORBIDDEN);
        assertRefused(() -> service.withdraw(BOLT, acme.offerId()), ErrorType.FORBIDDEN);
        assertThat(service.revise(ACME, acme.offerId(), draft(ResourceType.CPU, "eu", 900_000)).offer().pricePerHour()).isEqualTo(900_000);

        accounts.revoke(OPERATOR, ACME, Role.PROVIDER);
        assertRefused(() -> service.withdraw(ACME, acme.offerId()), ErrorType.FORBIDDEN);
    }

    @Test
    void longerOrdersPayTheStepOfThePriceListTheyReach() {
        ListingDraft stepped = new ListingDraft("offer", ResourceType.GPU, "eu", "gpu", 3_000_000, "local-process", List.of("hold"), 4, 200,
                new SlaTerms(9_950, 10), List.of(), List.of(), List.of(new PriceStep(24, 2_700_000), new PriceStep(168, 2_400_000)));
        Listing listing = service.list(ACME, stepped);
        assertThat(quotes.quote(BUYER, new QuoteService.QuoteRequest(listing.offerId(), 1, 3_600, "hold", Map.of())).terms().pricePerHour())
                .isEqualTo(3_000_000);
        assertThat(quotes.quote(BUYER, new QuoteService.QuoteRequest(listing.offerId(), 1, 24 * 3_600, "hold", Map.of())).terms().pricePerHour())
                .isEqualTo(2_700_000);
        assertThat(quotes.quote(BUYER, new QuoteService.QuoteRequest(listing.offerId(), 2, 170 * 3_600, "hold", Map.of())).estimate())
                .isEqualTo(2L * 170 * 2_400_000);
        ListingDraft rising = new ListingDraft("offer", ResourceType.GPU, "eu", "gpu", 3_000_000, "local-process", List.of("hold"), 4, 200,
                new SlaTerms(9_950, 10), List.of(), List.of(), List.of(new PriceStep(24, 3_100_000)));
        assertRefused(() -> service.list(ACME, rising), ErrorType.INVALID_REQUEST);
    }

    @Test
    void badDraftsAreRefusedWithTheReason() {
        assertRefused(() -> service.list(ACME, draft(ResourceType.CPU, "eu", 0)), ErrorType.INVALID_REQUEST);
        ListingDraft elsewhere = new ListingDraft("offer", ResourceType.CPU, "eu", "core", 1, "aws-ec2", List.of(), 1, 1,
                new SlaTerms(9_950, 10), List.of(), List.of(), List.of());
        assertRefused(() -> service.list(ACME, elsewhere), ErrorType.INVALID_REQUEST);
        Benchmark tomorrow = new Benchmark(BenchmarkKind.HPL, BigDecimal.ONE, "TFLOP/s", LocalDate.parse("2026-11-25"), "https://e.org");
        assertRefused(() -> service.list(ACME, draft(ResourceType.CPU, "eu", 1, tomorrow)), ErrorType.INVALID_REQUEST);
    }

    @Test
    void aSuspendedOfferIsOffSaleUntilReinstatedAndAWithdrawnOneForGood() {
        Listing listing = service.list(ACME, draft(ResourceType.CPU, "eu", 1_000_000));
        assertRefused(() -> service.suspend(ACME, listing.offerId(), "no"), ErrorType.FORBIDDEN);
        service.suspend(OPERATOR, listing.offerId(), "benchmarks under review");
        assertThat(service.search(OfferSearch.all())).isEmpty();
        assertRefused(() -> quotes.quote(BUYER, new QuoteService.QuoteRequest(listing.offerId(), 1, 3_600, "hold", Map.of())),
                ErrorType.NOT_FOUND);
        assertThat(service.listing(listing.offerId()).statusReason()).isEqualTo("benchmarks under review");

        service.reinstate(OPERATOR, listing.offerId());
        assertThat(service.search(OfferSearch.all())).hasSize(1);
        service.withdraw(ACME, listing.offerId());
        assertRefused(() -> service.reinstate(OPERATOR, listing.offerId()), ErrorType.STATE_CONFLICT);
        assertRefused(() -> service.revise(ACME, listing.offerId(), draft(ResourceType.CPU, "eu", 1)), ErrorType.STATE_CONFLICT);
    }

    @Test
    void certificationNeedsTenThousandUsdcAMonthAndLowersTheFeeOfEveryOffer() {
        Listing before = service.list(ACME, draft(ResourceType.GPU, "us", 3_000_000));
        assertRefused(() -> service.certify(ACME, ACME, 20_000_000_000L, "self"), ErrorType.FORBIDDEN);
        assertRefused(() -> service.certify(OPERATOR, ACME, 9_999_999_999L, "almost"), ErrorType.INVALID_REQUEST);

        var certified = service.certify(OPERATOR, ACME, 10_000_000_000L, "racks audited; 99.95 % over 90 days");
        assertThat(certified.certified()).isTrue();
        assertThat(certified.tier()).isEqualTo(FeeTier.CERTIFIED);
        assertThat(service.listing(before.offerId()).offer().tier()).isEqualTo(FeeTier.CERTIFIED);
        assertThat(service.list(ACME, draft(ResourceType.GPU, "us", 1)).offer().tier()).as("new offers too").isEqualTo(FeeTier.CERTIFIED);
        var quote = quotes.quote(BUYER, new QuoteService.QuoteRequest(before.offerId(), 1, 3_600, "hold", Map.of()));
        assertThat(quote.terms().feeBps()).isEqualTo(300);

        service.decertify(OPERATOR, ACME);
        assertThat(service.listing(before.offerId()).offer().tier()).isEqualTo(FeeTier.BASIC);
    }

    @Test
    void buyersFilterAndSortByPriceRegionCertificationAndBenchmark() {
        Listing cheapCpu = service.list(ACME, draft(ResourceType.CPU, "eu-west", 500_000));
        Listing fastGpu = service.list(BOLT, draft(ResourceType.GPU, "us-east", 4_000_000, hpl("95.5")));
        Listing slowGpu = service.list(ACME, draft(ResourceType.GPU, "eu-west", 2_000_000, hpl("40"), hpl("42.5")));
        service.certify(OPERATOR, BOLT, 15_000_000_000L, "ok");

        assertThat(ids(new OfferSearch(ResourceType.GPU, null, null, null, false, null, null, OfferSearch.Sort.PRICE)))
                .containsExactly(slowGpu.offerId(), fastGpu.offerId());
        assertThat(ids(new OfferSearch(null, "EU-WEST", null, null, false, null, null, OfferSearch.Sort.PRICE_DESC)))
                .containsExactly(slowGpu.offerId(), cheapCpu.offerId());
        assertThat(ids(new OfferSearch(null, null, 1_000_000L, 3_000_000L, false, null, null, OfferSearch.Sort.PRICE)))
                .containsExactly(slowGpu.offerId());
        assertThat(ids(new OfferSearch(null, null, null, null, true, null, null, OfferSearch.Sort.PRICE))).containsExactly(fastGpu.offerId());
        assertThat(ids(new OfferSearch(null, null, null, null, false, BenchmarkKind.HPL, null, OfferSearch.Sort.BENCHMARK)))
                .containsExactly(fastGpu.offerId(), slowGpu.offerId());
        assertThat(ids(new OfferSearch(null, null, null, null, false, BenchmarkKind.HPL, new BigDecimal("50"), OfferSearch.Sort.PRICE)))
                .containsExactly(fastGpu.offerId());
    }

    private List<String> ids(OfferSearch search) {
        return service.search(search).stream().map(Listing::offerId).toList();
    }
}
