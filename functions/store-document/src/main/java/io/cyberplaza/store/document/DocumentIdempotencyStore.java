package io.cyberplaza.store.document;

import io.cyberplaza.core.idempotency.IdempotencyStore;
import io.cyberplaza.core.idempotency.IdempotencyStore.Entry;
import io.cyberplaza.core.idempotency.IdempotencyStore.Status;
import io.cyberplaza.store.document.DocumentStore.DocumentKey;
import io.cyberplaza.store.document.DocumentTable.Stored;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

final class DocumentIdempotencyStore implements IdempotencyStore {
    record Kept(Entry entry, Instant expiresAt) {
    }

    private final DocumentTable<Kept> entries;

    DocumentIdempotencyStore(DocumentStore store, String collection) {
        this.entries = new DocumentTable<>(store, collection, Kept.class, kept -> key(kept.entry().scope(), kept.entry().key()),
                kept -> Map.of(DocumentStores.EXPIRES_AT, kept.expiresAt()));
    }

    private static DocumentKey key(String scope, String key) {
        return new DocumentKey(scope, key);
    }

    @Override
    public boolean claim(String scope, String key, String fingerprint, Instant now, Instant leaseUntil, Instant expiresAt) {
        Kept claim = new Kept(new Entry(scope, key, fingerprint, Status.IN_PROGRESS, 0, null, leaseUntil), expiresAt);
        Optional<Stored<Kept>> current = entries.get(key(scope, key));
        if (current.isEmpty()) return entries.create(claim);
        // The same request's claim whose holder died (its lease is over) may be taken over.
        Entry held = current.get().value().entry();
        boolean abandoned = held.status() == Status.IN_PROGRESS && held.fingerprint().equals(fingerprint) && held.leaseUntil().isBefore(now);
        return abandoned && entries.replace(current.get(), claim);
    }

    @Override
    public Optional<Entry> find(String scope, String key) {
        return entries.find(key(scope, key)).map(Kept::entry);
    }

    @Override
    public void complete(String scope, String key, int httpStatus, String body) {
        entries.get(key(scope, key)).filter(DocumentIdempotencyStore::inProgress).ifPresent(stored -> {
            Entry e = stored.value().entry();
            // Losing this write means another holder (after a lease takeover) completed it first; its response stands.
            entries.replace(stored, new Kept(new Entry(scope, key, e.fingerprint(), Status.COMPLETED, httpStatus, body, e.leaseUntil()),
                    stored.value().expiresAt()));
        });
    }

    @Override
    public void release(String scope, String key) {
        entries.get(key(scope, key)).filter(DocumentIdempotencyStore::inProgress).ifPresent(entries::delete);
    }

    private static boolean inProgress(Stored<Kept> stored) {
        return stored.value().entry().status() == Status.IN_PROGRESS;
    }
}
