package io.cyberplaza.core.pricing;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One round of aggregation: bad records are rejected with a reason (every figure derived from a bad
 * vendor line with it), each source's price for a key is
 * the median of its good records, a source further than {@code maxSpreadBps} from the median of the
 * sources is rejected as an outlier for the round, and the published price is the median of the
 * sources that remain, if there are at least {@code minSources} of them (one for a unit that is a
 * single vendor's own machine type: that vendor's list is the authority). Medians of an even count
 * take the lower middle: integers, and never above what a majority of sources charge.
 */
public final class PriceAggregator {

    public record Settings(int minSources, int maxSpreadBps, Duration maxAge) {
        public static Settings defaults() {
            return new Settings(2, 1_000, Duration.ofHours(36));
        }
    }

    /** A published price: micro-USD per unit, the median of {@code sources} good sources. */
    public record Price(PriceKey key, long microUsd, int sources, List<String> sourceNames) {
    }

    public record Round(List<Price> prices, List<Rejection> rejections) {
    }

    private final Settings settings;

    public PriceAggregator(Settings settings) {
        this.settings = settings;
    }

    public Round aggregate(Iterable<Observation> observations, Instant now) {
        List<Rejection> rejections = new ArrayList<>();
        Instant oldest = now.minus(settings.maxAge());
        // A vendor line is bad as a whole: a machine at a plausible price per machine but an absurd one
        // per GPU (a "$0.01 H100 machine") must not stand as the machine's price either.
        Map<String, Rejection.Reason> badRecords = new HashMap<>();
        for (Observation o : observations) {
            Rejection.Reason reason = reasonToReject(o, oldest);
            if (reason != null && o.recordId() != null) badRecords.putIfAbsent(recordOf(o), reason);
        }
        Map<PriceKey, Map<String, LongList>> bySourceAndKey = new HashMap<>();
        for (Observation o : observations) {
            Rejection.Reason reason = reasonToReject(o, oldest);
            if (reason == null && o.recordId() != null) reason = badRecords.get(recordOf(o));
            if (reason != null) {
                rejections.add(new Rejection(o.source(), o.recordId(), o.key(), reason, o.microUsd() + " " + o.currency()));
                continue;
            }
            bySourceAndKey.computeIfAbsent(o.key(), k -> new HashMap<>()).computeIfAbsent(o.source(), s -> new LongList()).add(o.microUsd());
        }
        List<Price> prices = new ArrayList<>();
        bySourceAndKey.forEach((key, sources) -> priceOf(key, sources, rejections).ifPresent(prices::add));
        return new Round(prices, rejections);
    }

    private static Rejection.Reason reasonToReject(Observation o, Instant oldest) {
        return o.microUsd() == null ? Rejection.Reason.MISSING
                : o.microUsd() == 0 ? Rejection.Reason.ZERO
                : o.microUsd() < 0 ? Rejection.Reason.NEGATIVE
                : !"USD".equalsIgnoreCase(o.currency()) ? Rejection.Reason.WRONG_CURRENCY
                : o.observedAt() == null || o.observedAt().isBefore(oldest) ? Rejection.Reason.STALE
                : !o.key().unit().plausible(o.microUsd()) ? Rejection.Reason.ABSURD
                : null;
    }

    /** One vendor line in one region: the observations a source derived from the same record. */
    private static String recordOf(Observation o) {
        return o.source() + '\u0000' + o.recordId() + '\u0000' + o.key().region();
    }

    private Optional<Price> priceOf(PriceKey key, Map<String, LongList> sources, List<Rejection> rejections) {
        Map<String, Long> perSource = new HashMap<>();
        sources.forEach((source, values) -> perSource.put(source, values.median()));
        long median = LongList.of(perSource.values()).median();
        List<String> kept = new ArrayList<>();
        LongList keptValues = new LongList();
        perSource.forEach((source, value) -> {
            if (outside(value, median)) {
                rejections.add(new Rejection(source, null, key, Rejection.Reason.OUTLIER, value + " against a median of " + median));
            } else {
                kept.add(source);
                keptValues.add(value);
            }
        });
        int needed = key.unit().comparesVendors() ? settings.minSources() : 1;
        if (kept.size() < needed) {
            rejections.add(new Rejection(null, null, key, Rejection.Reason.TOO_FEW_SOURCES, kept.size() + " of " + needed));
            return Optional.empty();
        }
        kept.sort(null);
        return Optional.of(new Price(key, keptValues.median(), kept.size(), List.copyOf(kept)));
    }

    /** |value - median| * 10,000 > spread * median, in integers that cannot overflow. */
    private boolean outside(long value, long median) {
        BigInteger distance = BigInteger.valueOf(Math.abs(value - median)).multiply(BigInteger.valueOf(10_000));
        return distance.compareTo(BigInteger.valueOf(median).multiply(BigInteger.valueOf(settings.maxSpreadBps()))) > 0;
    }

    /** A growable array of longs: a round may hold millions of records, boxed longs would triple the memory. */
    static final class LongList {
        private long[] values = new long[4];
        private int size;

        static LongList of(Iterable<Long> values) {
            LongList list = new LongList();
            values.forEach(list::add);
            return list;
        }

        void add(long value) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = value;
        }

        long median() {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return sorted[(size - 1) / 2];
        }
    }
}
