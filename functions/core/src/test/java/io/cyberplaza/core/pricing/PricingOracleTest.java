package io.cyberplaza.core.pricing;

import io.cyberplaza.core.fakes.InMemoryPriceRepository;
import io.cyberplaza.core.fakes.InMemoryPricingRounds;
import io.cyberplaza.core.fakes.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class PricingOracleTest {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private static final PriceKey VCPU = new PriceKey(PriceUnit.VCPU_HOUR, "us-east", "");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryPriceRepository prices = new InMemoryPriceRepository();
    private final InMemoryPricingRounds rounds = new InMemoryPricingRounds();

    private record Source(String name, long microUsd) implements PriceSource {
        public void read(Consumer<Observation> sink) {
            sink.accept(new Observation(name, name + "-1", VCPU, microUsd, "USD", NOW));
        }
    }

    /** Gives one record, then the connection drops. */
    private record Broken(String name) implements PriceSource {
        public void read(Consumer<Observation> sink) {
            sink.accept(new Observation(name, "half", VCPU, 90_000L, "USD", NOW));
            throw new IllegalStateException("connection reset");
        }
    }

    /** A feed kept in memory, recording what would be sent on chain. */
    private static final class Feeds implements PriceFeedPublisher {
        final Map<PriceKey, FeedRound> latest = new ConcurrentHashMap<>();
        final List<Long> sent = new ArrayList<>();

        public boolean hasFeed(PriceKey key) {
            return key.equals(VCPU);
        }

        public Optional<FeedRound> latest(PriceKey key) {
            return Optional.ofNullable(latest.get(key));
        }

        public void publish(PriceKey key, long microUsd, Instant observedAt) {
            sent.add(microUsd);
            latest.put(key, new FeedRound(sent.size(), microUsd, observedAt));
        }
    }

    @Test
    void aFailingSourceIsReportedAndLeftOutWhileTheOthersArePublished() {
        Feeds feeds = new Feeds();
        PricingOracle oracle = new PricingOracle(List.of(new Source("aws-pricing", 20_800), new Broken("alibaba-price"),
                new Source("azure-retail", 21_000), new Source("gcp-catalog", 20_600)),
                null, new PriceAggregator(PriceAggregator.Settings.defaults()), prices, rounds, new FeedUpdater(feeds, FeedPolicy.defaults()), clock);

        PricingOracle.Report report = oracle.run();

        assertThat(report.sourcesFailed()).containsExactly("alibaba-price");
        assertThat(report.sourcesRead()).isEqualTo(3);
        assertThat(report.rejections()).anySatisfy(r -> {
            assertThat(r.reason()).isEqualTo(Rejection.Reason.SOURCE_FAILED);
            assertThat(r.source()).isEqualTo("alibaba-price");
        });
        assertThat(prices.current(VCPU)).get().satisfies(p -> {
            assertThat(p.microUsd()).isEqualTo(20_800);
            assertThat(p.sources()).isEqualTo(3);
        });
        assertThat(feeds.sent).containsExactly(20_800L);

        clock.advance(java.time.Duration.ofHours(1));
        oracle.run();
        assertThat(prices.history(VCPU, 10)).hasSize(2);
        assertThat(feeds.sent).as("an unchanged price within the heartbeat is not sent again").containsExactly(20_800L);
    }

    private record FixedPeg(long micros) implements PegSource {
        public String name() {
            return "chainlink-usdc-usd";
        }

        public Peg read() {
            if (micros < 0) throw new IllegalStateException("the feed's answer is 30 hours old");
            return new Peg(micros);
        }
    }

    private PricingOracle withPeg(long pegMicros) {
        return new PricingOracle(List.of(new Source("aws-pricing", 20_800), new Source("azure-retail", 21_000)), new FixedPeg(pegMicros),
                new PriceAggregator(PriceAggregator.Settings.defaults()), prices, rounds, null, clock);
    }

    @Test
    void thePegIsKeptBesideThePricesAndTheRoundIsKeptForOperators() {
        PricingOracle.Report report = withPeg(998_700).run();

        assertThat(prices.current(Peg.KEY)).get().satisfies(p -> {
            assertThat(p.microUsd()).isEqualTo(998_700);
            assertThat(p.publishedAt()).isEqualTo(NOW);
        });
        assertThat(report.pricesPublished()).as("the peg is not a compute price").isEqualTo(1);
        assertThat(rounds.latest(NOW)).get().satisfies(round -> {
            assertThat(round.observations()).isEqualTo(2);
            assertThat(round.pricesPublished()).isEqualTo(1);
            assertThat(round.rejections()).isEmpty();
        });
    }

    @Test
    void anUnreadableOrAbsurdPegIsRejectedAndNotKept() {
        withPeg(-1).run();
        assertThat(prices.current(Peg.KEY)).isEmpty();
        assertThat(rounds.latest(NOW).orElseThrow().rejections()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Rejection.Reason.SOURCE_FAILED);
            assertThat(r.detail()).contains("30 hours old");
        });
        assertThat(rounds.latest(NOW).orElseThrow().sourcesFailed()).containsExactly("chainlink-usdc-usd");
        assertThat(prices.current(VCPU)).as("the compute prices are published all the same").isPresent();

        clock.advance(java.time.Duration.ofHours(1));
        withPeg(0).run();
        assertThat(prices.current(Peg.KEY)).isEmpty();
        assertThat(rounds.latest(clock.instant()).orElseThrow().rejections()).extracting(Rejection::reason)
                .containsExactly(Rejection.Reason.ABSURD);
    }
}
