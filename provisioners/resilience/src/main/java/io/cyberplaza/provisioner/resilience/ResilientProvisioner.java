package io.cyberplaza.provisioner.resilience;

import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.ProvisionException.Reason;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.WorkloadResult;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A vendor adapter behind Resilience4j (DESIGN.md section 8). Every call passes, innermost first, a
 * time limit, the vendor's rate limiter, the circuit breaker of its vendor and region, and a retry
 * that tries again only on throttling and transient errors, waiting a jittered exponential backoff
 * or the vendor's {@code Retry-After}, whichever is longer.
 *
 * <p>A launch for a cloud machine walks the machine's locations in order. Only a capacity error
 * moves it on, with a key of its own per location: a timeout or a 5xx may mean the vendor accepted
 * the launch, so moving on could run a second machine; those are retried in place with the same key
 * and, past the retries, left to the queue's redelivery. Before launching anywhere it asks every
 * location whether a launch under that location's key already exists, so a redelivery after a
 * crash finds the machine an earlier delivery started in a later location.
 */
public final class ResilientProvisioner implements Provisioner, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResilientProvisioner.class);

    private enum Budget { LAUNCH, WRITE, READ }

    private final Provisioner vendor;
    private final VendorPolicy policy;
    private final CircuitBreakerRegistry breakers;
    private final RateLimiterRegistry limiters;
    private final Retry retry;
    private final TimeLimiter timeLimiter;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    public ResilientProvisioner(Provisioner vendor, VendorPolicy policy) {
        this.vendor = vendor;
        this.policy = policy;
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.breakerWindow())
                .minimumNumberOfCalls(Math.min(5, policy.breakerWindow()))
                .failureRateThreshold(policy.breakerFailurePercent())
                .waitDurationInOpenState(policy.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                // Throttling is the limiter's and the retry's business; only a vendor failing counts against it.
                .recordException(e -> e instanceof ProvisionException p && p.reason() == Reason.TRANSIENT)
                .build());
        this.limiters = RateLimiterRegistry.ofDefaults();
        this.retry = Retry.of(vendor.kind(), RetryConfig.<Object>custom()
                .maxAttempts(policy.maxAttempts())
                // An open breaker fails fast: the call is left to the queue's redelivery, not retried here.
                .retryOnException(e -> e instanceof ProvisionException p && p.retryable()
                        && !(p.getCause() instanceof CallNotPermittedException))
                .intervalBiFunction((attempt, outcome) -> backoffMillis(attempt,
                        outcome.isLeft() ? outcome.getLeft() : null))
                .build());
        this.retry.getEventPublisher().onRetry(event -> log.warn("{} call failed ({}); attempt {} in {} ms", vendor.kind(),
                event.getLastThrowable() == null ? "?" : event.getLastThrowable().getMessage(), event.getNumberOfRetryAttempts() + 1,
                event.getWaitInterval().toMillis()));
        this.timeLimiter = TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(policy.callTimeout()).cancelRunningFuture(true).build());
    }

    /** The key of one location's launch: its own per location, the same every time for that location. */
    public static String locationKey(String idempotencyKey, String location) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(location.getBytes(StandardCharsets.UTF_8));
            return idempotencyKey + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The breaker of one vendor region, for operators and tests. */
    public CircuitBreaker.State breakerState(String region) {
        return breaker(region).getState();
    }

    @Override
    public String kind() {
        return vendor.kind();
    }

    @Override
    public Resource launch(LaunchRequest request, String idempotencyKey) {
        if (request.machine() == null) {
            return guarded(Budget.LAUNCH, "global", () -> vendor.launch(request, idempotencyKey));
        }
        List<String> locations = request.machine().locations();
        for (String location : locations) {
            LaunchRequest here = request.at(location);
            String key = locationKey(idempotencyKey, location);
            Optional<Resource> earlier = guarded(Budget.READ, vendor.regionOf(location), () -> vendor.findLaunched(here, key));
            if (earlier.isPresent()) return earlier.get();
        }
        List<String> exhausted = new ArrayList<>();
        for (String location : locations) {
            LaunchRequest here = request.at(location);
            try {
                return guarded(Budget.LAUNCH, vendor.regionOf(location), () -> vendor.launch(here, locationKey(idempotencyKey, location)));
            } catch (ProvisionException e) {
                if (e.reason() != Reason.CAPACITY) throw e;
                log.warn("{} has no capacity for order {} in {}: {}", vendor.kind(), request.orderId(), location, e.getMessage());
                exhausted.add(location);
            }
        }
        throw new ProvisionException(Reason.CAPACITY, vendor.kind() + " has no capacity in any of " + exhausted);
    }

    @Override
    public Optional<Resource> findLaunched(LaunchRequest request, String idempotencyKey) {
        String region = request.location() == null ? "global" : vendor.regionOf(request.location());
        return guarded(Budget.READ, region, () -> vendor.findLaunched(request, idempotencyKey));
    }

    @Override
    public Optional<Resource> describe(String resourceId) {
        return guarded(Budget.READ, vendor.regionOfResource(resourceId), () -> vendor.describe(resourceId));
    }

    @Override
    public void stop(String resourceId) {
        guarded(Budget.WRITE, vendor.regionOfResource(resourceId), () -> {
            vendor.stop(resourceId);
            return null;
        });
    }

    @Override
    public void terminate(String resourceId) {
        guarded(Budget.WRITE, vendor.regionOfResource(resourceId), () -> {
            vendor.terminate(resourceId);
            return null;
        });
    }

    /** One guarded call per region: the vendor's batch costs one unit of its write budget. */
    @Override
    public void terminateAll(List<String> resourceIds) {
        resourceIds.stream().collect(Collectors.groupingBy(vendor::regionOfResource)).forEach((region, ids) ->
                guarded(Budget.WRITE, region, () -> {
                    vendor.terminateAll(ids);
                    return null;
                }));
    }

    @Override
    public List<Resource> listOwned() {
        return guarded(Budget.READ, "global", vendor::listOwned);
    }

    @Override
    public Optional<WorkloadResult> result(String resourceId) {
        return guarded(Budget.READ, vendor.regionOfResource(resourceId), () -> vendor.result(resourceId));
    }

    @Override
    public boolean leaksCost() {
        return vendor.leaksCost();
    }

    @Override
    public boolean runsTaskPlans() {
        return vendor.runsTaskPlans();
    }

    @Override
    public boolean deduplicatesLaunches() {
        return vendor.deduplicatesLaunches();
    }

    @Override
    public String regionOf(String location) {
        return vendor.regionOf(location);
    }

    @Override
    public String regionOfResource(String resourceId) {
        return vendor.regionOfResource(resourceId);
    }

    private <T> T guarded(Budget budget, String region, Callable<T> call) {
        CircuitBreaker breaker = breaker(region);
        RateLimiter limiter = limiter(budget, region);
        Supplier<T> once = () -> {
            try {
                return breaker.executeCallable(() -> {
                    if (!limiter.acquirePermission()) {
                        throw new ProvisionException(Reason.THROTTLED, "our own " + budget.name().toLowerCase() + " budget for "
                                + vendor.kind() + " " + region + " is spent");
                    }
                    return timeLimited(call);
                });
            } catch (ProvisionException e) {
                throw e;
            } catch (CallNotPermittedException e) {
                throw new ProvisionException(Reason.TRANSIENT, vendor.kind() + " " + region + " is failing: its circuit is open",
                        policy.breakerOpenFor(), e);
            } catch (RequestNotPermitted e) {
                throw new ProvisionException(Reason.THROTTLED, e.getMessage(), e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ProvisionException(Reason.TRANSIENT, vendor.kind() + " call failed: " + e.getMessage(), e);
            }
        };
        return Retry.decorateSupplier(retry, once).get();
    }

    private <T> T timeLimited(Callable<T> call) throws Exception {
        try {
            return timeLimiter.executeFutureSupplier(() -> calls.submit(call));
        } catch (TimeoutException e) {
            throw new ProvisionException(Reason.TRANSIENT, vendor.kind() + " gave no answer within " + policy.callTimeout(), e);
        }
    }

    private CircuitBreaker breaker(String region) {
        return breakers.circuitBreaker(vendor.kind() + ":" + region);
    }

    private RateLimiter limiter(Budget budget, String region) {
        CallBudget callBudget = switch (budget) {
            case LAUNCH -> policy.launches();
            case WRITE -> policy.writes();
            case READ -> policy.reads();
        };
        return limiters.rateLimiter(vendor.kind() + ":" + region + ":" + budget, () -> RateLimiterConfig.custom()
                .limitForPeriod(callBudget.bucket())
                .limitRefreshPeriod(callBudget.period())
                .timeoutDuration(policy.permitWait())
                .build());
    }

    private long backoffMillis(int attempt, Throwable failure) {
        long ceiling = Math.min(policy.maxBackoff().toMillis(), policy.firstBackoff().toMillis() << Math.min(20, attempt - 1));
        long jittered = ThreadLocalRandom.current().nextLong(ceiling + 1);
        long askedFor = failure instanceof ProvisionException p ? p.retryAfter().map(Duration::toMillis).orElse(0L) : 0L;
        return Math.max(jittered, askedFor + ThreadLocalRandom.current().nextLong(policy.firstBackoff().toMillis() + 1));
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
