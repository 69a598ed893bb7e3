package io.cyberplaza.core.offer;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An offer as its provider lists it: the terms buyers are quoted from, its standing, what it
 * promises and what it has measured. Changed only by a conditional replace on {@code version}.
 */
public record Listing(Offer offer, ListingStatus status, SlaTerms sla, List<Benchmark> benchmarks, String statusReason,
                      long version, Instant updatedAt) {
    public static final int MAX_BENCHMARKS = 16;

    public Listing {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(updatedAt, "updatedAt");
        benchmarks = List.copyOf(benchmarks);
        if (benchmarks.size() > MAX_BENCHMARKS) throw new IllegalArgumentException("at most " + MAX_BENCHMARKS + " benchmarks");
    }

    public String offerId() {
        return offer.offerId();
    }

    public String provider() {
        return offer.providerAddress();
    }

    public Listing next(Offer newOffer, ListingStatus newStatus, SlaTerms newSla, List<Benchmark> newBenchmarks, String reason,
                        Instant now) {
        return new Listing(newOffer, newStatus, newSla, newBenchmarks, reason, version + 1, now);
    }

    public Listing withStatus(ListingStatus newStatus, String reason, Instant now) {
        return next(offer, newStatus, sla, benchmarks, reason, now);
    }
}
