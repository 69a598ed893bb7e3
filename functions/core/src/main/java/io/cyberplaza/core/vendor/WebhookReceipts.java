package io.cyberplaza.core.vendor;

import java.time.Instant;

/**
 * Port: the WebhookReceipts table, one row per vendor event applied, kept past the replay window
 * (then expired by TTL) so a delivery repeated within it is recognised and changes nothing.
 */
public interface WebhookReceipts {

    boolean seen(String vendor, String eventId);

    /** @return false if the event was recorded already (a concurrent delivery of the same event) */
    boolean record(String vendor, String eventId, Instant receivedAt, Instant expiresAt);
}
