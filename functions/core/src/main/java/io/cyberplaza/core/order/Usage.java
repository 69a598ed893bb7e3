package io.cyberplaza.core.order;

import java.time.Instant;

/**
 * What an order used. {@code lostSeconds} is time the resource was unavailable during the run
 * (partial failures, reported by the provider): it is not billed.
 *
 * @param meteredUnitSeconds what the provider metered itself (a batch scheduler's core-seconds over every task), which
 *                           is then what is billed; null where the bill is the order's units times the wall time
 */
public record Usage(Instant startedAt, Instant endedAt, long usedSeconds, long lostSeconds, EndReason endReason,
                    Long meteredUnitSeconds) {
    public Usage {
        if (usedSeconds < 0 || lostSeconds < 0 || lostSeconds > usedSeconds) throw new IllegalArgumentException("invalid usage");
        if (meteredUnitSeconds != null && meteredUnitSeconds < 0) throw new IllegalArgumentException("invalid metered usage");
    }

    public Usage(Instant startedAt, Instant endedAt, long usedSeconds, long lostSeconds, EndReason endReason) {
        this(startedAt, endedAt, usedSeconds, lostSeconds, endReason, null);
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
        return new Usage(start, endedAt, 0, 0, endReason, null);
    }

    public Usage measured(long usedSeconds, long lostSeconds) {
        return new Usage(startedAt, endedAt, usedSeconds, lostSeconds, endReason, meteredUnitSeconds);
    }

    /** A reading of a provider that meters unit-seconds itself; null keeps billing by wall time. */
    public Usage measured(long usedSeconds, long lostSeconds, Long unitSeconds) {
        return new Usage(startedAt, endedAt, usedSeconds, lostSeconds, endReason, unitSeconds);
    }

    /**
     * The stop is decided: its reason and moment are kept until the final reading, which bills no
     * time past that moment however long the provider takes to stop.
     */
    public Usage stopping(EndReason reason, Instant decidedAt) {
        return new Usage(startedAt, decidedAt, usedSeconds, lostSeconds, reason, meteredUnitSeconds);
    }

    /** Ended at once by something outside the run (the owner reclaimed the escrow): billed up to what was measured. */
    public Usage endedBy(EndReason reason, Instant at) {
        return new Usage(startedAt, endedAt == null ? at : endedAt, usedSeconds, lostSeconds, reason, meteredUnitSeconds);
    }

    public Usage ended(Instant at, long usedSeconds, long lostSeconds, EndReason reason) {
        return ended(at, usedSeconds, lostSeconds, reason, meteredUnitSeconds);
    }

    public Usage ended(Instant at, long usedSeconds, long lostSeconds, EndReason reason, Long unitSeconds) {
        return new Usage(startedAt, at, usedSeconds, lostSeconds, reason, unitSeconds);
    }
}
