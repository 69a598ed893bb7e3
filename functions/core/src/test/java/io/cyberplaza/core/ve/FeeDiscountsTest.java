package io.cyberplaza.core.ve;

import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.StaticOfferCatalog;
import io.cyberplaza.core.fakes.InMemoryQuoteRepository;
import io.cyberplaza.core.fakes.StaticVeLedger;
import io.cyberplaza.core.fakes.TestMarket;
import io.cyberplaza.core.fakes.TestOffers;
import io.cyberplaza.core.escrow.EscrowLimits;
import io.cyberplaza.core.escrow.TokenGuard;
import io.cyberplaza.core.quote.Quote;
import io.cyberplaza.core.quote.QuoteService;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FeeDiscountsTest {
    private static final BigInteger VE = BigInteger.TEN.pow(18);
    private static final String HOLDER = "0x00000000000000000000000000000000000000a1";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final StaticVeLedger ledger = new StaticVeLedger();
    private final FeeDiscounts discounts = new FeeDiscounts(ledger, FeeDiscounts.WHITEPAPER_TIERS, clock);

    private static BigInteger ve(long whole) {
        return VE.multiply(BigInteger.valueOf(whole));
    }

    private void power(BigInteger votingPower) {
        ledger.hold(HOLDER, new VeLedger.Holding(ve(100_000), clock.instant().getEpochSecond() + 86_400, votingPower));
    }

    @Test
    void eachTierStartsAtItsThreshold() {
        assertThat(discounts.discountBpsFor(BigInteger.ZERO)).isZero();
        assertThat(discounts.discountBpsFor(ve(1_000).subtract(BigInteger.ONE))).isZero();
        assertThat(discounts.discountBpsFor(ve(1_000))).isEqualTo(500);
        assertThat(discounts.discountBpsFor(ve(9_999))).isEqualTo(500);
        assertThat(discounts.discountBpsFor(ve(10_000))).isEqualTo(1_000);
        assertThat(discounts.discountBpsFor(ve(50_000))).isEqualTo(1_500);
        assertThat(discounts.discountBpsFor(ve(10_000_000))).isEqualTo(1_500);
        assertThat(discounts.nextTier(ve(2_000)).orElseThrow().minimum()).isEqualTo(ve(10_000));
        assertThat(discounts.nextTier(ve(50_000))).isEmpty();
    }

    @Test
    void aReadingServesQuotesForThirtySecondsThenTheChainIsAskedAgain() {
        power(ve(12_000));
        assertThat(discounts.forBuyer(HOLDER).discountBps()).isEqualTo(1_000);
        power(ve(60_000));
        clock.advance(Duration.ofSeconds(29));
        assertThat(discounts.forBuyer(HOLDER.toUpperCase().replace("0X", "0x")).discountBps()).as("cached, whatever the address's case")
                .isEqualTo(1_000);
        assertThat(ledger.reads).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        FeeDiscounts.Applied fresh = discounts.forBuyer(HOLDER);
        assertThat(fresh.discountBps()).isEqualTo(1_500);
        assertThat(fresh.votingPower()).isEqualTo(ve(60_000));
        assertThat(ledger.reads).hasValue(2);
    }

    @Test
    void aChainThatCannotAnswerGivesNoDiscountAndSaysNoPowerWasRead() {
        power(ve(60_000));
        ledger.unreachable(true);
        assertThat(discounts.forBuyer(HOLDER)).isEqualTo(FeeDiscounts.Applied.NONE);
        ledger.unreachable(false);
        assertThat(discounts.forBuyer(HOLDER).discountBps()).as("an unread power is not cached").isEqualTo(1_500);
    }

    @Test
    void theQuoteRecordsThePowerReadAndItsDiscountInItsTermsAndPriceSnapshot() {
        power(ve(10_500));
        QuoteService quotes = new QuoteService(new StaticOfferCatalog(TestOffers.LOCAL_CPU), TestMarket.atPar(clock), new InMemoryQuoteRepository(),
                clock, EscrowLimits.RECLAIM_DELAY, TokenGuard.UNWATCHED, null, discounts);
        Quote quote = quotes.quote(HOLDER, new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of("limit", "1000")));
        assertThat(quote.terms().feeDiscountBps()).isEqualTo(1_000);
        assertThat(quote.priceSnapshot().feeDiscountBps()).isEqualTo(1_000);
        assertThat(quote.priceSnapshot().buyerVotingPower()).isEqualTo(ve(10_500));
        Quote stranger = quotes.quote("0x00000000000000000000000000000000000000a2",
                new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of("limit", "1000")));
        assertThat(stranger.terms().feeDiscountBps()).isZero();
        assertThat(stranger.priceSnapshot().buyerVotingPower()).isZero();
    }
}
