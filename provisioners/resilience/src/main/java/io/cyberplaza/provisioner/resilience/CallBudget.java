package io.cyberplaza.provisioner.resilience;

import java.time.Duration;

/**
 * A vendor's documented request budget as a token bucket: {@code bucket} calls at once, refilled
 * at {@code refillPerSecond}. Resilience4j's limiter counts in fixed periods, so a bucket becomes
 * {@code bucket} permits every {@code bucket / refillPerSecond} seconds: the same long-run rate and
 * never a burst larger than the vendor's bucket.
 */
public record CallBudget(int bucket, double refillPerSecond) {
    public CallBudget {
        if (bucket < 1 || refillPerSecond <= 0) throw new IllegalArgumentException("a call budget needs a bucket and a refill rate");
    }

    /** A per-minute quota (GCP's rate quotas are counted per minute). */
    public static CallBudget perMinute(int calls) {
        return new CallBudget(calls, calls / 60.0);
    }

    Duration period() {
        return Duration.ofNanos(Math.max(1_000_000L, Math.round(bucket / refillPerSecond * 1_000_000_000L)));
    }
}
