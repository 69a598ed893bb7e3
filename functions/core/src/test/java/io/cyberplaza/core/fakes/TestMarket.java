package io.cyberplaza.core.fakes;

import io.cyberplaza.core.pricing.MarketPrices;
import io.cyberplaza.core.pricing.Peg;
import io.cyberplaza.core.pricing.PriceAggregator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Market prices for tests about something else: USDC at par, read once and trusted for the length of any test. */
public final class TestMarket {
    private TestMarket() {
    }

    public static MarketPrices atPar(Clock clock) {
        InMemoryPriceRepository prices = new InMemoryPriceRepository();
        prices.publish(List.of(new PriceAggregator.Price(Peg.KEY, 1_000_000L, 1, List.of("chainlink-usdc-usd"))), clock.instant());
        return new MarketPrices(prices, new MarketPrices.Settings(Duration.ofDays(3_650), 1_000), clock);
    }
}
