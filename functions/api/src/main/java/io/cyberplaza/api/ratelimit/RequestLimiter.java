package io.cyberplaza.api.ratelimit;

import io.cyberplaza.core.ratelimit.RequestCounter;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    private static final class Bucket {
        private Instant resetAt = Instant.EPOCH;
        private int left;
        private int used;
        private boolean exhausted;
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
            buckets.values().removeIf(b -> !b.resetAt.isAfter(now));
        }
        Bucket bucket = buckets.computeIfAbsent(identity, id -> new Bucket());
        synchronized (bucket) {
            if (!bucket.resetAt.isAfter(now)) {
                bucket.left = 0;
                bucket.exhausted = false;
            }
            if (bucket.left == 0 && !bucket.exhausted) {
                RequestCounter.Lease lease = counter.take(identity, now, settings.window(), limit, LEASE);
                bucket.left = lease.granted();
                bucket.used = lease.used();
                bucket.resetAt = lease.resetAt();
                bucket.exhausted = lease.granted() == 0;
            }
            if (bucket.left == 0) return new Decision(false, limit, 0, bucket.resetAt);
            bucket.left--;
            return new Decision(true, limit, limit - bucket.used + bucket.left, bucket.resetAt);
        }
    }
}
