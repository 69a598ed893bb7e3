package io.cyberplaza.store.document;

import io.cyberplaza.core.ratelimit.RequestCounter;
import io.cyberplaza.store.document.DocumentTable.Stored;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

final class DocumentRequestCounter implements RequestCounter {
    record Window(String identity, Instant start, int used, Instant expiresAt) {
    }


    private final DocumentTable<Window> windows;

    DocumentRequestCounter(DocumentStore store, String collection) {
        this.windows = new DocumentTable<>(store, collection, Window.class, window -> DocumentTable.single(window.identity()),
                window -> Map.of(DocumentStores.EXPIRES_AT, window.expiresAt()));
    }

    @Override
    public Lease take(String identity, Instant now, Duration window, int limit, int wanted) {
        if (wanted < 1 || limit < 1) throw new IllegalArgumentException("a lease wants at least one of at least one request");
        for (int attempt = 0; attempt < Contention.MAX_ATTEMPTS; attempt++) {
            Optional<Stored<Window>> stored = windows.get(DocumentTable.single(identity));
            boolean open = stored.isPresent() && stored.get().value().start().plus(window).isAfter(now);
            Instant start = open ? stored.get().value().start() : now;
            int used = open ? stored.get().value().used() : 0;
            int granted = Math.max(0, Math.min(wanted, limit - used));
            if (granted == 0) return new Lease(0, used, start.plus(window));
            Window next = new Window(identity, start, used + granted, start.plus(window).plus(window));
            boolean written = stored.isPresent() ? windows.replace(stored.get(), next) : windows.create(next);
            if (written) return new Lease(granted, used + granted, start.plus(window));
            // Another request of the same caller counted first: count again on what it wrote.
            Contention.backOff(attempt);
        }
        throw new IllegalStateException("the request count of " + identity + " kept changing");
    }
}
