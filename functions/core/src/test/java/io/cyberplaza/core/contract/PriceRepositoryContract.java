package io.cyberplaza.core.contract;

import io.cyberplaza.core.pricing.PriceAggregator;
import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PriceRepository;
import io.cyberplaza.core.pricing.PriceRepository.PublishedPrice;
import io.cyberplaza.core.pricing.PriceUnit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every Prices store must do. */
public abstract class PriceRepositoryContract {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");

    protected abstract PriceRepository repository();

    private static PriceKey key() {
        return new PriceKey(PriceUnit.GPU_HOUR, "us-east", "h100-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static PriceAggregator.Price price(PriceKey key, long microUsd) {
        return new PriceAggregator.Price(key, microUsd, 3, List.of("aws-pricing", "azure-retail", "gcp-catalog"));
    }

    @Test
    void theNewestRoundIsCurrentAndEveryRoundIsKept() {
        PriceRepository prices = repository();
        PriceKey key = key();
        prices.publish(List.of(price(key, 12_000_000)), NOW);
        prices.publish(List.of(price(key, 12_500_000)), NOW.plusSeconds(3_600));
        prices.publish(List.of(price(key, 11_900_000)), NOW.minusSeconds(3_600));

        assertThat(prices.current(key)).contains(new PublishedPrice(key, 12_500_000, 3, NOW.plusSeconds(3_600)));
        assertThat(prices.history(key, 10)).extracting(PublishedPrice::microUsd).containsExactly(12_500_000L, 12_000_000L, 11_900_000L);
        assertThat(prices.history(key, 2)).hasSize(2);
        assertThat(prices.current(key())).isEmpty();
    }

    @Test
    void aRoundPublishedTwiceIsOneRound() {
        PriceRepository prices = repository();
        PriceKey key = key();
        prices.publish(List.of(price(key, 20_000)), NOW);
        prices.publish(List.of(price(key, 20_000)), NOW);

        assertThat(prices.history(key, 10)).hasSize(1);
    }

    @Test
    void manyKeysAreReadAtOnceAndSpotIsNotOnDemand() {
        PriceRepository prices = repository();
        List<PriceKey> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 130; i++) keys.add(key());
        PriceKey onDemand = new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "t3-" + UUID.randomUUID().toString().substring(0, 8));
        PriceKey spot = new PriceKey(onDemand.unit(), onDemand.region(), onDemand.model(), true);
        List<PriceAggregator.Price> round = new java.util.ArrayList<>();
        for (int i = 0; i < keys.size(); i++) round.add(price(keys.get(i), 1_000_000L + i));
        round.add(price(onDemand, 10_400));
        round.add(price(spot, 3_100));
        prices.publish(round, NOW);

        List<PriceKey> asked = new java.util.ArrayList<>(keys);
        asked.add(onDemand);
        asked.add(spot);
        asked.add(key());
        java.util.Map<PriceKey, PublishedPrice> found = prices.current(asked);
        assertThat(found).hasSize(132);
        assertThat(found.get(keys.get(129)).microUsd()).isEqualTo(1_000_129L);
        assertThat(found.get(onDemand).microUsd()).isEqualTo(10_400L);
        assertThat(found.get(spot)).isEqualTo(new PublishedPrice(spot, 3_100, 3, NOW));
    }
}
