package io.cyberplaza.core.pricing;

import io.cyberplaza.core.pricing.Rejection.Reason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class PriceAggregatorTest {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private static final PriceKey VCPU = new PriceKey(PriceUnit.VCPU_HOUR, "us-east", "");
    private static final PriceKey H100 = new PriceKey(PriceUnit.GPU_HOUR, "us-east", "h100");
    private static final PriceKey STORAGE = new PriceKey(PriceUnit.GB_MONTH, "eu-west", "ssd");

    private final PriceAggregator aggregator = new PriceAggregator(PriceAggregator.Settings.defaults());

    private static Observation good(String source, PriceKey key, long microUsd) {
        return new Observation(source, source + "-" + microUsd, key, microUsd, "USD", NOW.minus(Duration.ofHours(1)));
    }

    /** The lower middle of the sorted values: computed here without the production code. */
    private static long independentMedian(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    @Test
    void thePublishedPriceIsTheMedianOfTheGoodSourcesAndEveryBadRecordIsReported() {
        List<Observation> round = new ArrayList<>();
        round.add(good("aws-pricing", VCPU, 20_800));
        round.add(good("azure-retail", VCPU, 21_500));
        round.add(good("gcp-catalog", VCPU, 19_900));
        round.add(good("alibaba-price", VCPU, 20_100));
        round.add(good("providers", VCPU, 27_000));                       // an outlier: 30 % above the others
        round.add(good("aws-pricing", H100, 12_290_000));
        round.add(good("azure-retail", H100, 12_840_000));
        round.add(good("gcp-catalog", H100, 11_500_000));
        round.add(new Observation("gcp-catalog", "free-h100", H100, 0L, "USD", NOW));                 // a $0 H100
        round.add(new Observation("azure-retail", "refund-line", H100, -5L, "USD", NOW));              // negative
        round.add(new Observation("alibaba-price", "cny-list", H100, 88_000_000L, "CNY", NOW));        // wrong currency
        round.add(new Observation("aws-pricing", "no-amount", VCPU, null, "USD", NOW));                // missing
        round.add(new Observation("aws-pricing", "old-list", VCPU, 20_000L, "USD", NOW.minus(Duration.ofDays(3)))); // stale
        round.add(new Observation("providers", "typo", H100, 3L, "USD", NOW));                        // absurd: 3 micro-USD per GPU-hour
        round.add(good("azure-retail", STORAGE, 80_000));                                             // one source only

        PriceAggregator.Round result = aggregator.aggregate(round, NOW);

        Map<PriceKey, Long> published = result.prices().stream().collect(Collectors.toMap(PriceAggregator.Price::key, PriceAggregator.Price::microUsd));
        assertThat(published).containsOnlyKeys(VCPU, H100);
        assertThat(published.get(VCPU)).isEqualTo(independentMedian(List.of(20_800L, 21_500L, 19_900L, 20_100L)));
        assertThat(published.get(H100)).isEqualTo(independentMedian(List.of(12_290_000L, 12_840_000L, 11_500_000L)));
        assertThat(result.rejections()).extracting(Rejection::recordId, Rejection::reason).contains(
                org.assertj.core.groups.Tuple.tuple("free-h100", Reason.ZERO),
                org.assertj.core.groups.Tuple.tuple("refund-line", Reason.NEGATIVE),
                org.assertj.core.groups.Tuple.tuple("cny-list", Reason.WRONG_CURRENCY),
                org.assertj.core.groups.Tuple.tuple("no-amount", Reason.MISSING),
                org.assertj.core.groups.Tuple.tuple("old-list", Reason.STALE),
                org.assertj.core.groups.Tuple.tuple("typo", Reason.ABSURD));
        assertThat(result.rejections()).filteredOn(r -> r.reason() == Reason.OUTLIER).singleElement()
                .satisfies(r -> assertThat(r.source()).isEqualTo("providers"));
        assertThat(result.rejections()).filteredOn(r -> r.reason() == Reason.TOO_FEW_SOURCES).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo(STORAGE));
        assertThat(result.prices()).filteredOn(p -> p.key().equals(VCPU)).singleElement()
                .satisfies(p -> assertThat(p.sourceNames()).doesNotContain("providers").hasSize(4));
    }

    @Test
    void aSourceWithManyRecordsForAKeyCountsOnceAtItsOwnMedian() {
        Random random = new Random(7);
        List<Observation> round = new ArrayList<>();
        List<Long> awsRecords = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            long price = 20_000 + random.nextInt(1_000);
            awsRecords.add(price);
            round.add(good("aws-pricing", VCPU, price));
        }
        round.add(good("azure-retail", VCPU, 20_400));
        round.add(good("gcp-catalog", VCPU, 20_450));

        PriceAggregator.Price price = aggregator.aggregate(round, NOW).prices().getFirst();

        assertThat(price.sources()).isEqualTo(3);
        assertThat(price.microUsd()).isEqualTo(independentMedian(List.of(independentMedian(awsRecords), 20_400L, 20_450L)));
    }

    @Test
    void thePegHoldsWithinHalfAPercent() {
        assertThat(new Peg(1_000_000).holds()).isTrue();
        assertThat(new Peg(995_000).holds()).isTrue();
        assertThat(new Peg(1_005_000).holds()).isTrue();
        assertThat(new Peg(994_999).holds()).isFalse();
        assertThat(new Peg(1_005_001).holds()).isFalse();
    }

    @Test
    void aMachineWhosePricePerGpuIsAbsurdIsRejectedAsAMachineToo() {
        PriceKey machine = new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "Standard_ND96isr_H100_v5");
        PriceKey h100 = new PriceKey(PriceUnit.GPU_HOUR, "us-east", "h100");
        List<Observation> round = List.of(
                new Observation("azure-retail", "meter-good", machine, 98_320_000L, "USD", NOW),
                new Observation("azure-retail", "meter-good", h100, 12_290_000L, "USD", NOW),
                // A cent an hour for eight H100s: plausible for some machine, absurd per GPU.
                new Observation("azure-retail", "meter-promo", machine, 10_000L, "USD", NOW),
                new Observation("azure-retail", "meter-promo", h100, 1_250L, "USD", NOW));

        PriceAggregator.Round result = new PriceAggregator(PriceAggregator.Settings.defaults()).aggregate(round, NOW);

        assertThat(result.prices()).filteredOn(p -> p.key().equals(machine)).singleElement()
                .satisfies(p -> assertThat(p.microUsd()).isEqualTo(98_320_000L));
        assertThat(result.rejections()).extracting(Rejection::recordId, Rejection::key, Rejection::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("meter-promo", machine, Rejection.Reason.ABSURD),
                org.assertj.core.groups.Tuple.tuple("meter-promo", h100, Rejection.Reason.ABSURD),
                org.assertj.core.groups.Tuple.tuple(null, h100, Rejection.Reason.TOO_FEW_SOURCES));
    }
}
