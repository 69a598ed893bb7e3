package io.cyberplaza.core.fakes;

import io.cyberplaza.core.vendor.WebhookReceipts;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryWebhookReceipts implements WebhookReceipts {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public boolean seen(String vendor, String eventId) {
        return seen.contains(vendor + "#" + eventId);
    }

    @Override
    public boolean record(String vendor, String eventId, Instant receivedAt, Instant expiresAt) {
        return seen.add(vendor + "#" + eventId);
    }
}
