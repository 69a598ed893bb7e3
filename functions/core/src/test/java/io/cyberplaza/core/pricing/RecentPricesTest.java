package io.cyberplaza.core.pricing;

import io.cyberplaza.core.fakes.InMemoryPriceRepository;
import io.cyberplaza.core.fakes.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RecentPricesTest {
    private static final Duration KEEP = Duration.ofSeconds(5);
    private static final PriceKey VCPU = new PriceKey(PriceUnit.VCPU_HOUR, "eu", "");
    private static final PriceKey H100 = new PriceKey(PriceUnit.GPU_HOUR, "eu", "h100");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final InMemoryPriceRepository table = new InMemoryPriceRepository();
    private final AtomicInteger keysRead = new AtomicInteger();
    private final PriceRepository counted = new PriceRepository() {
        @Override
        public void publish(List<PriceAggregator.Price> prices, Instant at) {
            table.publish(prices, at);
        }

        @Override
        public Optional<PublishedPrice> current(PriceKey key) {
            keysRead.incrementAndGet();
            return table.current(key);
        }

        @Override
        public Map<PriceKey, PublishedPrice> current(Collection<PriceKey> keys) {
            keysRead.addAndGet(keys.size());
            return table.current(keys);
        }

        @Override
        public List<PublishedPrice> history(PriceKey key, int limit) {
            return table.history(key, limit);
        }
    };
    private final RecentPrices recent = new RecentPrices(counted, KEEP, clock);

    private static List<PriceAggregator.Price> round(long pegMicroUsd, long vcpuMicroUsd) {
        return List.of(new PriceAggregator.Price(Peg.KEY, pegMicroUsd, 1, List.of("feed")),
                new PriceAggregator.Price(VCPU, vcpuMicroUsd, 2, List.of("a", "b")));
    }

    @Test
    void keysAreReadOncePerKeptSpanAndAKeyWithoutAPriceToo() {
        table.publish(round(1_000_000, 40_000), clock.instant());
        for (int i = 0; i < 10; i++) {
            assertThat(recent.current(Set.of(Peg.KEY, VCPU, H100))).containsOnlyKeys(Peg.KEY, VCPU);
        }
        assertThat(keysRead).as("each key once, the one without a price included").hasValue(3);

        assertThat(recent.current(VCPU)).map(PriceRepository.PublishedPrice::microUsd).contains(40_000L);
        assertThat(keysRead).hasValue(3);
    }

    @Test
    void anotherContainersRoundShowsOnceWhatWasKeptIsOldAndThisContainersAtOnce() {
        table.publish(round(1_000_000, 40_000), clock.instant());
        recent.current(Set.of(Peg.KEY, VCPU));

        clock.advance(Duration.ofSeconds(1));
        table.publish(round(993_000, 41_000), clock.instant());
        assertThat(recent.current(Peg.KEY).orElseThrow().microUsd()).as("kept for its span").isEqualTo(1_000_000L);
        clock.advance(KEEP);
        assertThat(recent.current(Peg.KEY).orElseThrow().microUsd()).isEqualTo(993_000L);

        recent.publish(round(1_000_100, 42_000), clock.instant().plusSeconds(1));
        assertThat(recent.current(Set.of(Peg.KEY, VCPU))).extractingByKeys(Peg.KEY, VCPU)
                .extracting(PriceRepository.PublishedPrice::microUsd).containsExactly(1_000_100L, 42_000L);
    }
}
