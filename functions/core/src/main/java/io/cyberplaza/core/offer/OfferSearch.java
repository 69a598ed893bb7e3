package io.cyberplaza.core.offer;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a buyer looks for: every filter is optional. Sorting by benchmark needs the benchmark's kind
 * and puts the best result first; offers without that benchmark are left out then.
 */
public record OfferSearch(ResourceType resourceType, String region, Long minPricePerHour, Long maxPricePerHour,
                          boolean certifiedOnly, BenchmarkKind benchmark, BigDecimal minBenchmark, Sort sort) {

    public enum Sort { PRICE, PRICE_DESC, BENCHMARK }

    public static OfferSearch all() {
        return new OfferSearch(null, null, null, null, false, null, null, Sort.PRICE);
    }

    public List<Listing> apply(List<Listing> active) {
        Predicate<Listing> wanted = l -> true;
        if (resourceType != null) wanted = wanted.and(l -> l.offer().resourceType() == resourceType);
        if (region != null) wanted = wanted.and(l -> l.offer().region().equalsIgnoreCase(region));
        if (minPricePerHour != null) wanted = wanted.and(l -> l.offer().pricePerHour() >= minPricePerHour);
        if (maxPricePerHour != null) wanted = wanted.and(l -> l.offer().pricePerHour() <= maxPricePerHour);
        if (certifiedOnly) wanted = wanted.and(l -> l.offer().tier().isCertified());
        if (benchmark != null) wanted = wanted.and(l -> best(l).isPresent());
        if (benchmark != null && minBenchmark != null) wanted = wanted.and(l -> best(l).get().compareTo(minBenchmark) >= 0);
        Comparator<Listing> byPrice = Comparator.comparingLong(l -> l.offer().pricePerHour());
        Comparator<Listing> order = switch (sort == null ? Sort.PRICE : sort) {
            case PRICE -> byPrice;
            case PRICE_DESC -> byPrice.reversed();
            case BENCHMARK -> Comparator.comparing((Listing l) -> best(l).orElse(BigDecimal.ZERO)).reversed().thenComparing(byPrice);
        };
        return active.stream().filter(wanted).sorted(order.thenComparing(Listing::offerId)).toList();
    }

    /** The listing's best published result of the searched kind. */
    private Optional<BigDecimal> best(Listing listing) {
        return listing.benchmarks().stream().filter(b -> b.kind() == benchmark).map(Benchmark::value).max(Comparator.naturalOrder());
    }
}
