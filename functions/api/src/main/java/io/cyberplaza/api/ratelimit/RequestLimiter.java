package io.cyberplaza.api.ratelimit;

import io.cyberplaza.core.ratelimit.RequestCounter;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The limit as this API instance applies it: requests are taken from the shared counter in leases of
 * up to {@link #LEASE} and spent here, so a busy caller costs one table write per ten requests, not
 * one per request. Leases never add up past the limit, so the limit holds across instances (an
 * instance's unspent lease at the end of a window only makes it stricter). A refused caller is
 * refused here until its window ends, without asking the table again.
 */
@Singleton
public final class RequestLimiter {
    static final int LEASE = 10;
    /** Past this many callers tracked, ended windows are dropped. */
    private static final int TRACKED = 10_000;

    public record Decision(boolean allowed, int limit, int remaining, Instant resetAt) {
    }

    /** A caller's lease in the current window: what is left of it, what the table had counted, whether the table refused. */
    private record Lease(Instant resetAt, int left, int used, boolean exhausted) {
        static final Lease NONE = new Lease(Instant.EPOCH, 0, 0, false);

        Lease spendOne() {
            return new Lease(resetAt, left - 1, used, exhausted);
        }
    }

    /**
     * Spending from a lease is a compare-and-set, so a caller's concurrent requests never queue behind
     * one another; only taking the next lease from the table is done by one request at a time.
     */
    private static final class Bucket {
        private final AtomicReference<Lease> lease = new AtomicReference<>(Lease.NONE);
        private final ReentrantLock renewing = new ReentrantLock();
    }

    private final RequestCounter counter;
    private final RateLimitSettings settings;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile Instant nextSweep = Instant.EPOCH;

    public RequestLimiter(RequestCounter counter, RateLimitSettings settings, Clock clock) {
        this.counter = counter;
        this.settings = settings;
        this.clock = clock;
    }

    public Decision admit(String identity, int limit) {
        Instant now = clock.instant();
        // At most once a second, so a crowd of live callers does not make every request scan them all.
        if (buckets.size() > TRACKED && now.isAfter(nextSweep)) {
            nextSweep = now.plusSeconds(1);
            buckets.values().removeIf(b -> !b.lease.get().resetAt().isAfter(now));
        }
        Bucket bucket = buckets.computeIfAbsent(identity, id -> new Bucket());
        Decision spent = spend(bucket, limit, now);
        if (spent != null) return spent;
        bucket.renewing.lock();
        try {
            // Another request may have taken the next lease while this one waited.
            spent = spend(bucket, limit, now);
            if (spent != null) return spent;
            RequestCounter.Lease taken = counter.take(identity, now, settings.window(), limit, LEASE);
            if (taken.granted() == 0) {
                bucket.lease.set(new Lease(taken.resetAt(), 0, taken.used(), true));
                return new Decision(false, limit, 0, taken.resetAt());
            }
            // This request spends the first of the new lease as it is set, so no other can take it first.
            Lease lease = new Lease(taken.resetAt(), taken.granted() - 1, taken.used(), false);
            bucket.lease.set(lease);
            return new Decision(true, limit, limit - lease.used() + lease.left(), lease.resetAt());
        } finally {
            bucket.renewing.unlock();
        }
    }

    /** One request from the lease this instance holds; null when a new lease must be taken first. */
    private static Decision spend(Bucket bucket, int limit, Instant now) {
        while (true) {
            Lease lease = bucket.lease.get();
            if (!lease.resetAt().isAfter(now)) return null;
            if (lease.exhausted()) return new Decision(false, limit, 0, lease.resetAt());
            if (lease.left() == 0) return null;
            Lease after = lease.spendOne();
            if (bucket.lease.compareAndSet(lease, after)) {
                return new Decision(true, limit, limit - after.used() + after.left(), after.resetAt());
            }
        }
    }
}
