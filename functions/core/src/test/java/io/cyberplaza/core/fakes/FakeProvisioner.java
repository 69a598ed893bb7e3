package io.cyberplaza.core.fakes;

import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.ResourceStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider whose resources are rows in memory: launches are idempotent by key like a real
 * vendor's, usage follows the test's clock, and tests can make it fail or end resources.
 */
public final class FakeProvisioner implements Provisioner {
    private final Clock clock;
    private final Map<String, Resource> byKey = new ConcurrentHashMap<>();
    private final Map<String, Resource> byId = new ConcurrentHashMap<>();
    private final Queue<ProvisionException> launchFailures = new ArrayDeque<>();
    private final AtomicInteger created = new AtomicInteger();
    private final Queue<RuntimeException> stopFailures = new ArrayDeque<>();
    private final Map<String, RuntimeException> unreadable = new ConcurrentHashMap<>();
    private final Map<String, Long> metered = new ConcurrentHashMap<>();
    private volatile boolean runsTaskPlans;
    private final java.util.List<LaunchRequest> launches = new java.util.concurrent.CopyOnWriteArrayList<>();

    private volatile boolean cloud;
    private volatile boolean deduplicatesLaunches = true;
    private volatile java.util.concurrent.CountDownLatch launchesEntered;
    private volatile java.util.concurrent.CountDownLatch launchesProceed;

    public FakeProvisioner(Clock clock) {
        this.clock = clock;
    }

    /** Behaves as a public cloud: forgotten resources keep costing money, so the leak reconciler looks at them. */
    public FakeProvisioner asCloud() {
        cloud = true;
        return this;
    }

    @Override
    public boolean leaksCost() {
        return cloud;
    }

    @Override
    public String kind() {
        return "local-process";
    }

    public void failNextLaunch(ProvisionException failure) {
        launchFailures.add(failure);
    }

    /** The next stop or terminate call fails with {@code failure}. */
    public void failNextStop(RuntimeException failure) {
        stopFailures.add(failure);
    }

    /** Reading {@code resourceId} fails with {@code failure} until {@code readable} is called. */
    public void unreadable(String resourceId, RuntimeException failure) {
        unreadable.put(resourceId, failure);
    }

    public void readable(String resourceId) {
        unreadable.remove(resourceId);
    }

    public int resourcesCreated() {
        return created.get();
    }

    @Override
    public Resource launch(LaunchRequest request, String idempotencyKey) {
        if (deduplicatesLaunches) return launchOnce(request, idempotencyKey);
        // A scheduler without idempotent submit: it looks for an earlier launch, then submits.
        Resource earlier = byKey.get(idempotencyKey);
        if (earlier != null) return earlier;
        launchesEntered.countDown();
        try {
            if (!launchesProceed.await(10, java.util.concurrent.TimeUnit.SECONDS)) throw new IllegalStateException("a held launch was never let go");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        synchronized (this) {
            launches.add(request);
            Resource resource = created(request);
            byKey.put(idempotencyKey, resource);
            return resource;
        }
    }

    private synchronized Resource launchOnce(LaunchRequest request, String idempotencyKey) {
        ProvisionException failure = launchFailures.poll();
        if (failure != null) throw failure;
        launches.add(request);
        return byKey.computeIfAbsent(idempotencyKey, key -> created(request));
    }

    private Resource created(LaunchRequest request) {
        created.incrementAndGet();
        Resource resource = new Resource("res-" + created.get(), request.orderId(), ResourceStatus.RUNNING, clock.instant(),
                null, 0, 0, 0, null, request.template());
        byId.put(resource.resourceId(), resource);
        return resource;
    }

    /**
     * From now on behaves as a scheduler that finds an earlier launch only by looking for it: each
     * launch that finds none counts {@code entered} down and waits for {@code proceed} before it submits.
     */
    public FakeProvisioner withoutLaunchDeduplication(java.util.concurrent.CountDownLatch entered,
                                                      java.util.concurrent.CountDownLatch proceed) {
        launchesEntered = entered;
        launchesProceed = proceed;
        deduplicatesLaunches = false;
        return this;
    }

    @Override
    public boolean deduplicatesLaunches() {
        return deduplicatesLaunches;
    }

    /** The provider reports a new state, e.g. the workload finished or failed. */
    public void end(String resourceId, ResourceStatus status) {
        Resource r = current(resourceId);
        byId.put(resourceId, new Resource(r.resourceId(), r.orderId(), status, r.startedAt(), clock.instant(), r.usedSeconds(),
                r.lostSeconds(), r.cpuMillis(), status == ResourceStatus.FAILED ? 1 : 0, r.detail()));
    }

    /** This provider runs sweeps and workflows from now on, as a batch scheduler does. */
    public FakeProvisioner runningTaskPlans() {
        runsTaskPlans = true;
        return this;
    }

    @Override
    public boolean runsTaskPlans() {
        return runsTaskPlans;
    }

    /** What the launches asked for, in order. */
    public java.util.List<LaunchRequest> launches() {
        return java.util.List.copyOf(launches);
    }

    /** The provider meters unit-seconds itself from now on (a batch scheduler's core-seconds), this many so far. */
    public void meter(String resourceId, long unitSeconds) {
        metered.put(resourceId, unitSeconds);
    }

    /** The provider reports time the resource was unavailable. */
    public void loseSeconds(String resourceId, long seconds) {
        Resource r = current(resourceId);
        byId.put(resourceId, new Resource(r.resourceId(), r.orderId(), r.status(), r.startedAt(), r.endedAt(), r.usedSeconds(),
                r.lostSeconds() + seconds, r.cpuMillis(), r.exitCode(), r.detail()));
    }

    private Resource current(String resourceId) {
        Resource r = byId.get(resourceId);
        long used = Duration.between(r.startedAt(), r.endedAt() != null ? r.endedAt() : clock.instant()).toSeconds();
        return new Resource(r.resourceId(), r.orderId(), r.status(), r.startedAt(), r.endedAt(), used, r.lostSeconds(),
                used * 1_000, r.exitCode(), r.detail(), metered.get(resourceId));
    }

    @Override
    public Optional<Resource> describe(String resourceId) {
        RuntimeException failure = unreadable.get(resourceId);
        if (failure != null) throw failure;
        return byId.containsKey(resourceId) ? Optional.of(current(resourceId)) : Optional.empty();
    }

    @Override
    public void stop(String resourceId) {
        RuntimeException failure = stopFailures.poll();
        if (failure != null) throw failure;
        if (byId.containsKey(resourceId) && current(resourceId).status().isActive()) end(resourceId, ResourceStatus.STOPPED);
    }

    @Override
    public void terminate(String resourceId) {
        RuntimeException failure = stopFailures.poll();
        if (failure != null) throw failure;
        // Like a vendor's terminated machine, it stays visible for a while, ended, with its final reading.
        if (byId.containsKey(resourceId) && current(resourceId).status() != ResourceStatus.TERMINATED) {
            Resource r = current(resourceId);
            end(resourceId, ResourceStatus.TERMINATED);
            if (r.endedAt() != null) {
                Resource ended = byId.get(resourceId);
                byId.put(resourceId, new Resource(ended.resourceId(), ended.orderId(), ResourceStatus.TERMINATED, ended.startedAt(),
                        r.endedAt(), ended.usedSeconds(), ended.lostSeconds(), ended.cpuMillis(), r.exitCode(), ended.detail()));
            }
        }
    }

    /** A machine launched outside any order's bookkeeping: what a crash between a launch and its record leaves. */
    public Resource leak(String orderId) {
        return launch(new io.cyberplaza.provisioner.LaunchRequest(orderId, "offer", "image", Map.of(), 1, Duration.ofHours(1), Map.of()),
                "leak-" + created.get() + "-" + orderId);
    }

    @Override
    public List<Resource> listOwned() {
        return byId.keySet().stream().map(this::current).toList();
    }
}
