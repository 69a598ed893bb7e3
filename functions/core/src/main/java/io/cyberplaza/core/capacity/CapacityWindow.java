package io.cyberplaza.core.capacity;

import java.time.Instant;
import java.util.Objects;

/**
 * Capacity an offer sells within a time window (e.g. 1,000 core-hours in the next 24 hours), in
 * unit-seconds, and how much of it orders hold.
 */
public record CapacityWindow(Instant start, Instant end, long totalUnitSeconds, long reservedUnitSeconds) {
    public CapacityWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) throw new IllegalArgumentException("a capacity window must end after it starts");
        if (totalUnitSeconds < 1) throw new IllegalArgumentException("a capacity window needs capacity");
        if (reservedUnitSeconds < 0 || reservedUnitSeconds > totalUnitSeconds) throw new IllegalArgumentException("reserved must be within total");
    }

    public static CapacityWindow offered(Instant start, Instant end, long totalUnitSeconds) {
        return new CapacityWindow(start, end, totalUnitSeconds, 0);
    }

    public long availableUnitSeconds() {
        return totalUnitSeconds - reservedUnitSeconds;
    }

    public boolean covers(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
