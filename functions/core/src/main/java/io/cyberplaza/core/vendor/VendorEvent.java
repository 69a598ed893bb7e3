package io.cyberplaza.core.vendor;

import io.cyberplaza.provisioner.ResourceStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * One state change a vendor called back with, already verified and read from its own format.
 *
 * @param eventId    the vendor's id of the delivery's event: duplicates share it
 * @param resourceId the resource in the form its provisioner uses
 * @param occurredAt when the vendor says the change happened
 */
public record VendorEvent(String vendor, String eventId, String resourceId, ResourceStatus status, Instant occurredAt) {
    public VendorEvent {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
