package io.cyberplaza.provisioner;

import java.util.List;
import java.util.Optional;

/**
 * One vendor's way to run compute for an order (DESIGN.md section 8). Every adapter makes
 * {@link #launch} idempotent with the vendor's own token derived from {@code idempotencyKey}, so a
 * retried launch finds the resource the first call made instead of making a second one.
 */
public interface Provisioner {

    /** The name offers use to pick this adapter: the kind of the vendor module that provides it. */
    String kind();

    Resource launch(LaunchRequest request, String idempotencyKey);

    /**
     * The resource an earlier launch under {@code idempotencyKey} made, if there is one. Adapters whose
     * launch finds it by itself may leave this empty; cloud adapters look it up (by tag or by the
     * deterministic name the key gives), so a launch can be resumed after a crash in any location.
     */
    default Optional<Resource> findLaunched(LaunchRequest request, String idempotencyKey) {
        return Optional.empty();
    }

    /** The resource's state now, or empty if the vendor has no such resource (any more). */
    Optional<Resource> describe(String resourceId);

    /** Stops the workload; usage stops accruing. Stopping a stopped resource is not an error. */
    void stop(String resourceId);

    /** Releases the resource for good. Terminating a terminated resource is not an error. */
    void terminate(String resourceId);

    /**
     * Releases many resources; vendors that take a list in one call (and one unit of their request
     * budget) override it. Resources already gone are not an error.
     */
    default void terminateAll(List<String> resourceIds) {
        resourceIds.forEach(this::terminate);
    }

    /** Every resource this adapter owns (by tag), live or not, to find leaks. */
    List<Resource> listOwned();

    /**
     * Whether resources this adapter leaves behind keep costing money until terminated, so the leak
     * reconciler must look for them (cloud machines); a provider whose resources end with their
     * workload says no.
     */
    default boolean leaksCost() {
        return true;
    }

    /**
     * Whether the vendor itself answers a repeated launch with the same key with the first launch
     * (a client token or request id the vendor keeps, a create-if-absent precondition).
     * A vendor that can only find an earlier launch by looking for it (a batch scheduler's job
     * comment) would launch twice for two deliveries racing between the look and the submit; the
     * platform holds a lease around such launches.
     */
    default boolean deduplicatesLaunches() {
        return true;
    }

    /** Whether one launch can run a sweep or a workflow ({@link TaskPlan}): batch schedulers can; a machine cannot. */
    default boolean runsTaskPlans() {
        return false;
    }

    /** The vendor region a location (zone or region) belongs to: circuit breakers are per vendor and region. */
    default String regionOf(String location) {
        return location;
    }

    /** The vendor region a resource of this adapter lives in, read from its id. */
    default String regionOfResource(String resourceId) {
        return "global";
    }

    /** What the workload produced, for providers that run workloads (not bare machines). */
    default Optional<WorkloadResult> result(String resourceId) {
        return Optional.empty();
    }
}
