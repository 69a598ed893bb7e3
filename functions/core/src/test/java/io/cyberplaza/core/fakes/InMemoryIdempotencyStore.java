package io.cyberplaza.core.fakes;

import io.cyberplaza.core.idempotency.IdempotencyStore;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private static String id(String scope, String key) {
        return scope + "#" + key;
    }

    @Override
    public synchronized boolean claim(String scope, String key, String fingerprint, Instant now, Instant leaseUntil, Instant expiresAt) {
        Entry current = entries.get(id(scope, key));
        boolean abandoned = current != null && current.status() == Status.IN_PROGRESS
                && current.fingerprint().equals(fingerprint) && current.leaseUntil().isBefore(now);
        if (current != null && !abandoned) return false;
        entries.put(id(scope, key), new Entry(scope, key, fingerprint, Status.IN_PROGRESS, 0, null, leaseUntil));
        return true;
    }

    @Override
    public Optional<Entry> find(String scope, String key) {
        return Optional.ofNullable(entries.get(id(scope, key)));
    }

    @Override
    public synchronized void complete(String scope, String key, int httpStatus, String body) {
        entries.computeIfPresent(id(scope, key), (id, e) -> e.status() == Status.IN_PROGRESS
                ? new Entry(scope, key, e.fingerprint(), Status.COMPLETED, httpStatus, body, e.leaseUntil()) : e);
    }

    @Override
    public synchronized void release(String scope, String key) {
        entries.computeIfPresent(id(scope, key), (id, e) -> e.status() == Status.IN_PROGRESS ? null : e);
    }
}
