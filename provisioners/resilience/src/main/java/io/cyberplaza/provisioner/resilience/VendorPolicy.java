package io.cyberplaza.provisioner.resilience;

import java.time.Duration;

/**
 * How hard to lean on one vendor: its request budgets (launches and other writes, and reads), how
 * long one call may take, how often and how patiently to retry, and when the breaker opens.
 *
 * @param launches        the budget of the launch call (EC2 RunInstances has its own, smaller bucket)
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

    /** EC2 request throttling: RunInstances bucket 5 refilled 2/s, mutating calls 50 at 5/s, describes 100 at 20/s. */
    public static VendorPolicy ec2() {
        return defaults(new CallBudget(5, 2), new CallBudget(50, 5), new CallBudget(100, 20));
    }

    /** Azure Resource Manager's token buckets per subscription and region: writes 200 at 10/s, reads 250 at 25/s. */
    public static VendorPolicy azure() {
        return defaults(new CallBudget(200, 10), new CallBudget(200, 10), new CallBudget(250, 25));
    }

    /** Compute Engine rate quotas, counted per minute and project: 1,500 mutations and 1,500 reads. */
    public static VendorPolicy gcp() {
        return defaults(CallBudget.perMinute(1_500), CallBudget.perMinute(1_500), CallBudget.perMinute(1_500));
    }

    /** ECS API flow control: the account's RunInstances and read budgets, kept conservative. */
    public static VendorPolicy alibaba() {
        return defaults(new CallBudget(10, 10), new CallBudget(20, 20), new CallBudget(50, 50));
    }

    /**
     * slurmrestd in front of one controller: Slurm's own {@code max_rpc_cnt} defers RPCs beyond what
     * slurmctld keeps up with, so the platform stays well inside it: submits 5 at 2/s, reads 20 at 10/s.
     */
    public static VendorPolicy slurm() {
        return defaults(new CallBudget(5, 2), new CallBudget(10, 5), new CallBudget(20, 10));
    }

    private static VendorPolicy defaults(CallBudget launches, CallBudget writes, CallBudget reads) {
        return new VendorPolicy(launches, writes, reads, Duration.ofSeconds(30), 5, Duration.ofMillis(500), Duration.ofSeconds(20),
                Duration.ofSeconds(5), 20, 50, Duration.ofSeconds(30));
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
