package io.cyberplaza.provisioner.resilience;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How hard to lean on one vendor: its request budgets (launches and other writes, and reads), how
 * long one call may take, how often and how patiently to retry, and when the breaker opens.
 *
 * @param launches        the budget of the launch call (some vendors give launches a smaller bucket of their own)
 * @param writes          stop and terminate
 * @param reads           describe and list
 * @param callTimeout     one call's limit; a launch that ran out of time is retried with the same key
 * @param maxAttempts     attempts per call, the first included
 * @param firstBackoff    the first wait; each retry doubles it, with full jitter, up to {@code maxBackoff}
 * @param permitWait      how long a call waits for the rate limiter before it counts as throttled
 * @param breakerOpenFor  how long an open breaker refuses calls before it lets a few through to test
 */
public record VendorPolicy(CallBudget launches, CallBudget writes, CallBudget reads, Duration callTimeout, int maxAttempts,
                           Duration firstBackoff, Duration maxBackoff, Duration permitWait, int breakerWindow,
                           int breakerFailurePercent, Duration breakerOpenFor) {

    public VendorPolicy {
        if (maxAttempts < 1 || breakerWindow < 2 || breakerFailurePercent < 1 || breakerFailurePercent > 100) {
            throw new IllegalArgumentException("invalid vendor policy");
        }
    }

    /**
     * A vendor's budgets with the platform's usual timings: 30 s a call, five attempts from 0.5 s
     * doubling up to 20 s, and a breaker that opens for 30 s when half of the last 20 calls failed.
     * Each vendor module states its own budgets from the vendor's documents.
     */
    public static VendorPolicy of(CallBudget launches, CallBudget writes, CallBudget reads) {
        return new VendorPolicy(launches, writes, reads, Duration.ofSeconds(30), 5, Duration.ofMillis(500), Duration.ofSeconds(20),
                Duration.ofSeconds(5), 20, 50, Duration.ofSeconds(30));
    }

    /**
     * The timings a deployment (or the local stack, to keep fault tests short) overrides by setting:
     * {@code call-timeout}, {@code first-backoff} and {@code breaker-open-for}.
     */
    public VendorPolicy tunedBy(Function<String, Optional<Duration>> setting) {
        return withTiming(setting.apply("call-timeout").orElse(callTimeout), setting.apply("first-backoff").orElse(firstBackoff),
                maxBackoff, setting.apply("breaker-open-for").orElse(breakerOpenFor));
    }

    public VendorPolicy withTiming(Duration newCallTimeout, Duration newFirstBackoff, Duration newMaxBackoff, Duration newBreakerOpenFor) {
        return new VendorPolicy(launches, writes, reads, newCallTimeout, maxAttempts, newFirstBackoff, newMaxBackoff, permitWait,
                breakerWindow, breakerFailurePercent, newBreakerOpenFor);
    }

    public VendorPolicy withAttempts(int newMaxAttempts) {
        return new VendorPolicy(launches, writes, reads, callTimeout, newMaxAttempts, firstBackoff, maxBackoff, permitWait,
                breakerWindow, breakerFailurePercent, breakerOpenFor);
    }

    public VendorPolicy withBudgets(CallBudget newLaunches, CallBudget newWrites, CallBudget newReads) {
        return new VendorPolicy(newLaunches, newWrites, newReads, callTimeout, maxAttempts, firstBackoff, maxBackoff, permitWait,
                breakerWindow, breakerFailurePercent, breakerOpenFor);
    }
}
