package io.cyberplaza.core.offer;

/**
 * What the provider promises on top of the platform's own rules (a failure in the first five minutes
 * is refunded in full; downtime is refunded pro rata).
 *
 * @param availabilityBps  availability over a run, in basis points (9_950 = 99.5 %)
 * @param maxStartMinutes  longest time from funding to a running resource
 */
public record SlaTerms(int availabilityBps, int maxStartMinutes) {
    public SlaTerms {
        if (availabilityBps < 9_000 || availabilityBps > 10_000) throw new IllegalArgumentException("availability must be 90 % to 100 %");
        if (maxStartMinutes < 1 || maxStartMinutes > 1_440) throw new IllegalArgumentException("start time must be 1 to 1440 minutes");
    }
}
