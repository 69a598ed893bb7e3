package io.cyberplaza.core.pricing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: what each pricing round did, kept for operators: its counts, the sources that failed, and the
 * records it rejected with their reasons (up to {@link #KEPT_REJECTIONS} of them; past that a round's
 * list is cut and {@code rejectionsTotal} still says how many there were).
 */
public interface PricingRounds {
    int KEPT_REJECTIONS = 5_000;

    record RoundRecord(Instant at, int observations, int sourcesRead, List<String> sourcesFailed, int pricesPublished,
                       int feedsUpdated, int rejectionsTotal, List<Rejection> rejections) {
        public RoundRecord {
            sourcesFailed = List.copyOf(sourcesFailed);
            rejections = List.copyOf(rejections.size() > KEPT_REJECTIONS ? rejections.subList(0, KEPT_REJECTIONS) : rejections);
        }
    }

    void record(RoundRecord round);

    /** The newest round recorded at or after {@code since}, with its rejections. */
    Optional<RoundRecord> latest(Instant since);
}
