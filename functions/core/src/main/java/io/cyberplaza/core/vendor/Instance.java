package io.cyberplaza.core.vendor;

import io.cyberplaza.provisioner.ResourceStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * A vendor resource the platform launched, as its callbacks last described it (the Instances table).
 * {@code lastEventAt} is the vendor's time of the newest state change applied, so a late or
 * repeated callback never takes the record back. {@code version} rises by one on every write.
 *
 * @param runningSince when the vendor first reported it running: the usage clock's start
 * @param endedAt      when the vendor reported it stopped, failed or terminated
 */
public record Instance(String resourceId, String vendor, String orderId, ResourceStatus status, Instant launchedAt,
                       Instant lastEventAt, Instant runningSince, Instant endedAt, long version) {
    public Instance {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(launchedAt, "launchedAt");
    }

    public static Instance launched(String resourceId, String vendor, String orderId, ResourceStatus status, Instant at) {
        return new Instance(resourceId, vendor, orderId, status, at, null, status == ResourceStatus.RUNNING ? at : null, null, 0);
    }

    /** Whether a state change that happened at {@code at} is newer than what this record holds. */
    public boolean isOlderThan(Instant at) {
        return lastEventAt == null || at.isAfter(lastEventAt);
    }

    /** The record after a state change the vendor reported. */
    public Instance changedTo(ResourceStatus newStatus, Instant at) {
        Instant started = runningSince == null && newStatus == ResourceStatus.RUNNING ? at : runningSince;
        Instant ended = endedAt == null && !newStatus.isActive() ? at : endedAt;
        return new Instance(resourceId, vendor, orderId, newStatus, launchedAt, at, started, ended, version + 1);
    }
}
