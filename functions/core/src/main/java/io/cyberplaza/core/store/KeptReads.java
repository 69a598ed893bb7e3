package io.cyberplaza.core.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Rows read from a table and kept for {@code keepFor} in this container, for the read-mostly data the
 * API reads on every request (listings, prices, accounts). A write made here forgets everything kept,
 * so this container reads its own changes at once; another container's show once what was kept is
 * old. A read that raced a write does not keep what it saw. Past {@code sweepAbove} entries, those
 * past their span are dropped, at most once per span.
 */
public final class KeptReads<K, V> {
    private record Kept<V>(V value, Instant readAt) {
    }

    private final Duration keepFor;
    private final Clock clock;
    private final int sweepAbove;
    private final Map<K, Kept<V>> kept = new ConcurrentHashMap<>();
    /** Moves on at every write, so a read that raced a write does not keep what it saw. */
    private final AtomicLong writes = new AtomicLong();
    private volatile Instant nextSweep = Instant.EPOCH;

    public KeptReads(Duration keepFor, Clock clock, int sweepAbove) {
        this.keepFor = keepFor;
        this.clock = clock;
        this.sweepAbove = sweepAbove;
    }

    /** The kept value of {@code key}, or {@code read}'s answer, kept when {@code worthKeeping} says so. */
    public V get(K key, Function<K, V> read, Predicate<V> worthKeeping) {
        Optional<V> recent = recent(key);
        if (recent.isPresent()) return recent.get();
        long writesBefore = writesSoFar();
        Instant readAt = clock.instant();
        V value = read.apply(key);
        if (worthKeeping.test(value)) keep(key, value, writesBefore, readAt);
        return value;
    }

    /** The value kept for {@code key}, while it is recent. */
    public Optional<V> recent(K key) {
        Kept<V> entry = kept.get(key);
        return entry != null && clock.instant().isBefore(entry.readAt().plus(keepFor)) ? Optional.of(entry.value()) : Optional.empty();
    }

    /** Taken before a read whose answer is then handed to {@link #keep}. */
    public long writesSoFar() {
        return writes.get();
    }

    /** Keeps what a read begun at {@code readAt} saw, unless a write came in between. */
    public void keep(K key, V value, long writesBefore, Instant readAt) {
        Instant now = clock.instant();
        if (kept.size() > sweepAbove && now.isAfter(nextSweep)) {
            nextSweep = now.plus(keepFor);
            kept.values().removeIf(old -> !now.isBefore(old.readAt().plus(keepFor)));
        }
        kept.put(key, new Kept<>(value, readAt));
        if (writes.get() != writesBefore) kept.remove(key);
    }

    /** After a write made here (or one that lost a race): nothing kept is trusted any longer. */
    public void forget() {
        writes.incrementAndGet();
        kept.clear();
    }
}
