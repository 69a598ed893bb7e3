package io.cyberplaza.core.order;

import java.time.Instant;

/**
 * What an order used. {@code lostSeconds} is time the resource was unavailable during the run
 * (partial failures, reported by the provider): it is not billed.
 */
public record Usage(Instant startedAt, Instant endedAt, long usedSeconds, long lostSeconds, EndReason endReason) {
    public Usage {
        if (usedSeconds < 0 || lostSeconds < 0 || lostSeconds > usedSeconds) throw new IllegalArgumentException("invalid usage");
    }

    public static Usage running(Instant startedAt) {
        return new Usage(startedAt, null, 0, 0, null);
    }

    public static Usage neverStarted(Instant at) {
        return new Usage(null, at, 0, 0, EndReason.NEVER_STARTED);
    }

    public static Usage provisionFailed(Instant at) {
        return new Usage(null, at, 0, 0, EndReason.PROVISION_FAILED);
    }

    /** The clock restarted from when the provider says the resource really began (nothing is measured before it yet). */
    public Usage startedFrom(Instant start) {
        return new Usage(start, endedAt, 0, 0, endReason);
    }

    public Usage measured(long usedSeconds, long lostSeconds) {
        return new Usage(startedAt, endedAt, usedSeconds, lostSeconds, endReason);
    }

    /**
     * The stop is decided: its reason and moment are kept until the final reading, which bills no
     * time past that moment however long the provider takes to stop.
     */
    public Usage stopping(EndReason reason, Instant decidedAt) {
        return new Usage(startedAt, decidedAt, usedSeconds, lostSeconds, reason);
    }

    /** Ended at once by something outside the run (the owner reclaimed the escrow): billed up to what was measured. */
    public Usage endedBy(EndReason reason, Instant at) {
        return new Usage(startedAt, endedAt == null ? at : endedAt, usedSeconds, lostSeconds, reason);
    }

    public Usage ended(Instant at, long usedSeconds, long lostSeconds, EndReason reason) {
        return new Usage(startedAt, at, usedSeconds, lostSeconds, reason);
    }
}
