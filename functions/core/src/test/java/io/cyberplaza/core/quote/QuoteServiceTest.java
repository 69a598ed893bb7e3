package io.cyberplaza.core.quote;

import io.cyberplaza.core.fakes.TestMarket;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.escrow.TokenGuard;
import io.cyberplaza.core.fakes.SwitchableTokenState;
import io.cyberplaza.core.fakes.InMemoryQuoteRepository;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.StaticOfferCatalog;
import io.cyberplaza.core.fakes.TestOffers;
import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.offer.Offer;
import io.cyberplaza.core.offer.ResourceType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuoteServiceTest {
    private static final String PROVIDER = TestOffers.PROVIDER;
    private static final Offer OFFER = TestOffers.LOCAL_CPU;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final StaticOfferCatalog offers = new StaticOfferCatalog(OFFER);
    private final InMemoryQuoteRepository quotes = new InMemoryQuoteRepository();
    private final QuoteService service = new QuoteService(offers, TestMarket.atPar(clock), quotes, clock);

    private static QuoteService.QuoteRequest request(int units, long seconds, String template) {
        return new QuoteService.QuoteRequest("local-cpu", units, seconds, template, Map.of("limit", "1000"));
    }

    @Test
    void theEscrowAmountIsTheEstimatePlusTwentyPercent() {
        Quote quote = service.quote("0xa1", request(2, 1_800, "prime-sieve"));
        assertThat(quote.estimate()).isEqualTo(10_000_000L);           // 2 cores x 0.5 h x 10 USDC
        assertThat(quote.contingency()).isEqualTo(2_000_000L);
        assertThat(quote.escrowAmount()).isEqualTo(12_000_000L);
        assertThat(quote.terms().feeBps()).isEqualTo(400);
        assertThat(quote.terms().disputeWindowSeconds()).isEqualTo(72 * 3_600);
        assertThat(quote.expiresAt()).isEqualTo(clock.instant().plus(QuoteService.VALIDITY));
        assertThat(quotes.find(quote.quoteId())).contains(quote);
    }

    @Test
    void aQuoteKeepsItsPriceWhenTheOfferChanges() {
        Quote quote = service.quote("0xa1", request(1, 3_600, "prime-sieve"));
        offers.put(new Offer("local-cpu", "sp-1", PROVIDER, "t", ResourceType.CPU, "local", "core", 99_000_000L,
                FeeTier.BASIC, "local-process", List.of("prime-sieve"), 4, 24));
        assertThat(quotes.find(quote.quoteId()).orElseThrow().terms().pricePerHour()).isEqualTo(10_000_000L);
        assertThat(service.quote("0xa1", request(1, 3_600, "prime-sieve")).terms().pricePerHour()).isEqualTo(99_000_000L);
    }

    @Test
    void refusesWhatTheOfferDoesNotSell() {
        assertThatThrownBy(() -> service.quote("0xa1", new QuoteService.QuoteRequest("nope", 1, 3_600, "prime-sieve", Map.of())))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND));
        for (QuoteService.QuoteRequest bad : List.of(request(0, 3_600, "prime-sieve"), request(5, 3_600, "prime-sieve"),
                request(1, 59, "prime-sieve"), request(1, 25 * 3_600, "prime-sieve"), request(1, 3_600, "rm -rf /"))) {
            assertThatThrownBy(() -> service.quote("0xa1", bad)).as(bad.toString())
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST));
        }
    }

    @Test
    void aPurchaseThatWouldOutlastTheEscrowsReclaimDelayIsRefused() {
        // The offer sells up to 24 hours; an escrow whose owner may reclaim after 20 hours cannot hold that.
        QuoteService shortEscrow = new QuoteService(offers, TestMarket.atPar(clock), quotes, clock, Duration.ofHours(20));
        long longest = Duration.ofHours(20).minus(QuoteService.SETTLEMENT_MARGIN).toSeconds();
        assertThat(shortEscrow.quote("0xa1", request(1, longest, "prime-sieve")).terms().purchasedSeconds()).isEqualTo(longest);
        assertThatThrownBy(() -> shortEscrow.quote("0xa1", request(1, longest + 1, "prime-sieve")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.PURCHASE_OUTLASTS_ESCROW));
        assertThat(service.quote("0xa1", request(1, 24 * 3_600, "prime-sieve"))).as("the deployments' 30 days hold any offer's day")
                .isNotNull();
    }

    @Test
    void noQuoteWhileTheTokenCannotMoveTheEscrowsMoney() {
        SwitchableTokenState token = new SwitchableTokenState();
        QuoteService watched = new QuoteService(offers, TestMarket.atPar(clock), quotes, clock, Duration.ofDays(30),
                new TokenGuard(token, io.cyberplaza.core.metrics.Metrics.NONE, TokenGuard.Settings.defaults(), clock));
        token.set(true, false);
        assertThatThrownBy(() -> watched.quote("0xa1", request(1, 3_600, "prime-sieve")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.QUOTING_PAUSED));
        assertThat(quotes.size()).as("nothing saved for a refused quote").isZero();
    }
}
