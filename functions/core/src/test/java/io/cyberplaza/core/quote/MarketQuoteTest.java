package io.cyberplaza.core.quote;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.fakes.InMemoryPriceRepository;
import io.cyberplaza.core.fakes.InMemoryQuoteRepository;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.StaticOfferCatalog;
import io.cyberplaza.core.fakes.TestOffers;
import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.offer.Offer;
import io.cyberplaza.core.offer.PriceStep;
import io.cyberplaza.core.offer.ResourceType;
import io.cyberplaza.core.pricing.MarketPrices;
import io.cyberplaza.core.pricing.Peg;
import io.cyberplaza.core.pricing.PriceAggregator;
import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PriceUnit;
import io.cyberplaza.provisioner.MachineSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quotes against the Prices table: the snapshot they keep, the resale ceiling, the peg pause. */
class MarketQuoteTest {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private static final PriceKey VCPU = new PriceKey(PriceUnit.VCPU_HOUR, "us-east", "");
    private static final PriceKey T3 = new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "t3.micro");
    private static final Offer CORES = new Offer("east-cpu", "sp-1", TestOffers.PROVIDER, "cores in Virginia", ResourceType.CPU,
            "us-east-1", "core", 36_000, FeeTier.VERIFIED, "local-process", List.of("prime-sieve"), 4, 24);
    private static final Offer RESALE = new Offer("aws-t3-micro", "cyberplaza-cloud", TestOffers.PROVIDER, "EC2 t3.micro",
            ResourceType.CPU, "us-east-1", "instance", 9_800, FeeTier.CERTIFIED, "aws-ec2", List.of("ami-1"), 1, 168,
            List.of(new PriceStep(24, 9_500), new PriceStep(72, 9_000)), new MachineSpec("t3.micro", false, List.of("us-east-1a")));

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryPriceRepository prices = new InMemoryPriceRepository();
    private final InMemoryQuoteRepository quotes = new InMemoryQuoteRepository();
    private final QuoteService service = new QuoteService(new StaticOfferCatalog(CORES, RESALE),
            new MarketPrices(prices, MarketPrices.Settings.defaults(), clock), quotes, clock);

    private void publish(PriceKey key, long microUsd, Instant at) {
        prices.publish(List.of(new PriceAggregator.Price(key, microUsd, key.unit().comparesVendors() ? 3 : 1, List.of())), at);
    }

    private Quote quote(String offerId, long seconds) {
        return service.quote("0xa1", new QuoteService.QuoteRequest(offerId, 1, seconds, offerId.equals("east-cpu") ? "prime-sieve" : "ami-1",
                Map.of()));
    }

    @Test
    void aQuoteRecordsTheMarketPriceAndPegItWasMadeAgainst() {
        publish(Peg.KEY, 999_800, NOW.minusSeconds(1_200));
        publish(VCPU, 41_500, NOW.minusSeconds(1_200));

        Quote quote = quote("east-cpu", 3_600);

        assertThat(quote.terms().pricePerHour()).isEqualTo(36_000);
        assertThat(quote.priceSnapshot()).isEqualTo(new PriceSnapshot("vcpu_hour/us-east", 41_500L, 3, NOW.minusSeconds(1_200),
                999_800, NOW.minusSeconds(1_200)));
        assertThat(quotes.find(quote.quoteId()).orElseThrow().priceSnapshot()).isEqualTo(quote.priceSnapshot());
    }

    @Test
    void anOldMarketPriceIsNotShownAsTheMarket() {
        publish(Peg.KEY, 1_000_000, NOW.minusSeconds(60));
        publish(VCPU, 41_500, NOW.minus(Duration.ofHours(4)));

        PriceSnapshot snapshot = quote("east-cpu", 3_600).priceSnapshot();

        assertThat(snapshot.key()).isEqualTo("vcpu_hour/us-east");
        assertThat(snapshot.marketMicroUsd()).isNull();
        assertThat(snapshot.marketSources()).isZero();
    }

    @Test
    void cloudResaleNeverCostsMoreThanTheVendorLessTheDiscountInUsdc() {
        publish(Peg.KEY, 1_000_000, NOW.minusSeconds(60));
        publish(T3, 10_400, NOW.minusSeconds(60));        // AWS: $0.0104 an hour; 10 % under is 9,360

        assertThat(quote("aws-t3-micro", 3_600).terms().pricePerHour()).isEqualTo(9_360);
        assertThat(quote("aws-t3-micro", 24 * 3_600).terms().pricePerHour()).isEqualTo(9_360);   // the 9,500 step is above it
        assertThat(quote("aws-t3-micro", 72 * 3_600).terms().pricePerHour()).isEqualTo(9_000);   // the 9,000 step is below

        clock.advance(Duration.ofMinutes(1));
        publish(Peg.KEY, 996_000, clock.instant());        // 0.4 % under: a dollar buys more USDC, so the USDC price rises
        assertThat(quote("aws-t3-micro", 3_600).terms().pricePerHour()).isEqualTo(9_397);    // 9,360 / 0.996, rounded down

        clock.advance(Duration.ofMinutes(1));
        publish(T3, 12_000, clock.instant());               // the vendor raised its price: the list price stands
        assertThat(quote("aws-t3-micro", 3_600).terms().pricePerHour()).isEqualTo(9_800);
    }

    @Test
    void withoutAVendorPriceTheResaleSellsAtItsListPrice() {
        publish(Peg.KEY, 1_000_000, NOW.minusSeconds(60));

        Quote quote = quote("aws-t3-micro", 3_600);

        assertThat(quote.terms().pricePerHour()).isEqualTo(9_800);
        assertThat(quote.priceSnapshot().key()).isEqualTo("instance_hour/us-east/t3.micro");
        assertThat(quote.priceSnapshot().marketMicroUsd()).isNull();
    }

    @Test
    void quotingPausesOffThePegOrWithoutARecentReadingAndNothingIsSaved() {
        publish(VCPU, 41_500, NOW.minusSeconds(60));
        assertPaused("no recent reading");

        publish(Peg.KEY, 994_900, NOW.minusSeconds(60));                 // 0.51 % under
        assertPaused("more than 50 bps");

        clock.advance(Duration.ofMinutes(1));
        publish(Peg.KEY, 1_005_000, clock.instant());                    // exactly 0.5 % over: holds
        assertThat(quote("east-cpu", 3_600).priceSnapshot().usdPerUsdcMicros()).isEqualTo(1_005_000);

        clock.advance(Duration.ofHours(3).plusSeconds(1));               // the job has not read the peg since
        assertPaused("no recent reading");
    }

    private void assertPaused(String why) {
        int before = quotes.size();
        assertThatThrownBy(() -> quote("east-cpu", 3_600)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.QUOTING_PAUSED);
            assertThat(e.getMessage()).contains(why);
        });
        assertThat(quotes.size()).isEqualTo(before);
    }

    @Test
    void offersShowTheirMarketAndTheResaleAtItsCeiling() {
        publish(Peg.KEY, 1_000_000, NOW.minusSeconds(60));
        publish(VCPU, 41_500, NOW.minusSeconds(60));
        publish(T3, 10_400, NOW.minusSeconds(60));

        List<MarketPrices.PricedOffer> priced = new MarketPrices(prices, MarketPrices.Settings.defaults(), clock)
                .price(List.of(CORES, RESALE, TestOffers.LOCAL_CPU));

        assertThat(priced.get(0).market().microUsd()).isEqualTo(41_500);
        assertThat(priced.get(0).offer()).isEqualTo(CORES);
        assertThat(priced.get(1).offer().pricePerHour()).isEqualTo(9_360);
        assertThat(priced.get(1).offer().priceSteps()).containsExactly(new PriceStep(72, 9_000));
        assertThat(priced.get(2).market()).isNull();
    }
}
