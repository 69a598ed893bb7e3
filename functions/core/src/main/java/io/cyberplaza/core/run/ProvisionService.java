package io.cyberplaza.core.run;

import io.cyberplaza.core.idempotency.IdempotencyStore;
import io.cyberplaza.core.log.Correlation;
import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.order.OrderUpdater;
import io.cyberplaza.core.order.Usage;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.vendor.Instance;
import io.cyberplaza.core.vendor.InstanceRepository;
import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Launches a funded order's resource (the provision queue's consumer). FUNDED -> PROVISIONING is
 * written before the vendor is called, and the launch carries the order's idempotency key, so a
 * crash or a redelivered message launches again into the same resource, never a second one.
 * A launch the vendor refuses for good (or, for a cloud machine, no location has capacity) moves the
 * order to PROVISION_FAILED and on to settlement with a full refund.
 */
public final class ProvisionService {
    private static final Logger log = LoggerFactory.getLogger(ProvisionService.class);

    private final OrderUpdater orders;
    private final Provisioners provisioners;
    private final WorkQueue queue;
    private final Metrics metrics;
    private final Clock clock;
    private final String environment;
    private final InstanceRepository instances;
    private final IdempotencyStore leases;

    public ProvisionService(OrderRepository orders, Provisioners provisioners, InstanceRepository instances, WorkQueue queue,
                            Metrics metrics, Clock clock, String environment, IdempotencyStore leases) {
        this.orders = new OrderUpdater(orders);
        this.leases = leases;
        this.instances = instances;
        this.metrics = metrics;
        this.provisioners = provisioners;
        this.queue = queue;
        this.clock = clock;
        this.environment = environment;
    }

    static final String LAUNCH_LEASE_SCOPE = "launch";
    private static final Duration LAUNCH_LEASE = Duration.ofMinutes(10);
    private static final Duration LAUNCH_LEASE_KEPT = Duration.ofDays(1);

    public static String idempotencyKey(String orderId) {
        return "order-" + orderId.substring(2, 34); // vendor tokens are short: 128 bits of the id are plenty
    }

    /** @return the order afterwards; throws ProvisionException when a retry may help (let the queue redeliver) */
    public Optional<Order> provision(String orderId) {
        try (var correlated = Correlation.order(orderId)) {
            return provisionCorrelated(orderId);
        }
    }

    private Optional<Order> provisionCorrelated(String orderId) {
        Optional<Order> claimed = orders.update(orderId, order -> order.state() == OrderState.FUNDED
                ? Optional.of(order.moveTo(OrderState.PROVISIONING, clock.instant())) : Optional.empty());
        if (claimed.map(Order::state).orElse(null) == OrderState.PROVISION_FAILED) return toSettlement(orderId);
        if (claimed.isEmpty() || claimed.get().state() != OrderState.PROVISIONING) return claimed;

        Order order = claimed.get();
        LaunchRequest request = new LaunchRequest(orderId, order.terms().offerId(), order.workload().template(),
                order.workload().parameters(), order.unitsPerTask(), Duration.ofSeconds(order.terms().purchasedSeconds()),
                Map.of("cyberplaza:order", orderId, "cyberplaza:env", environment), order.terms().machine(), null,
                order.workload().plan());
        Resource resource;
        try {
            Provisioner provisioner = provisioners.forKind(order.terms().provisioner());
            // An offer listed with a partition but launched by a provider of machines would run one task and bill them all.
            if (!request.plan().isSingle() && !provisioner.runsTaskPlans()) {
                throw new ProvisionException(ProvisionException.Reason.INVALID, order.terms().provisioner() + " runs no sweeps or workflows");
            }
            resource = launchOnce(provisioner, request, orderId);
        } catch (ProvisionException e) {
            metrics.vendorError(order.terms().provisioner(), e.reason().name());
            if (e.retryable()) throw e;
            log.warn("launch of order {} failed for good ({}: {}): refunding", orderId, e.reason(), e.getMessage());
            Instant now = clock.instant();
            Optional<Order> failed = orders.update(orderId, o -> o.state() == OrderState.PROVISIONING
                    ? Optional.of(o.withUsage(Usage.provisionFailed(now), now).moveTo(OrderState.PROVISION_FAILED, now))
                    : Optional.empty());
            return failed.map(Order::state).orElse(null) == OrderState.PROVISION_FAILED ? toSettlement(orderId) : failed;
        }
        log.info("resource {} launched", resource.resourceId());
        // Recorded before the order points at it, so its vendor's callbacks are recognised from the start.
        instances.recordLaunch(Instance.launched(resource.resourceId(), order.terms().provisioner(), orderId, resource.status(),
                clock.instant()));
        Instant started = resource.startedAt() != null ? resource.startedAt() : clock.instant();
        return orders.update(orderId, o -> o.state() == OrderState.PROVISIONING
                ? Optional.of(o.moveTo(OrderState.RUNNING, clock.instant()).withResource(resource.resourceId(), clock.instant())
                .withUsage(Usage.running(started), clock.instant()))
                : Optional.empty());
    }

    /**
     * The launch, under a lease when the vendor does not deduplicate launches itself: a delivery
     * that finds the lease held backs off (retryable) and comes back to find the launch done. The
     * lease outlives the longest launch the resilience layer allows; a holder that died lets it lapse.
     */
    private Resource launchOnce(Provisioner provisioner, LaunchRequest request, String orderId) {
        if (provisioner.deduplicatesLaunches()) return provisioner.launch(request, idempotencyKey(orderId));
        Instant now = clock.instant();
        if (!leases.claim(LAUNCH_LEASE_SCOPE, orderId, orderId, now, now.plus(LAUNCH_LEASE), now.plus(LAUNCH_LEASE_KEPT))) {
            throw new ProvisionException(ProvisionException.Reason.THROTTLED, "another delivery is launching order " + orderId,
                    LAUNCH_LEASE, null);
        }
        try {
            return provisioner.launch(request, idempotencyKey(orderId));
        } finally {
            leases.release(LAUNCH_LEASE_SCOPE, orderId);
        }
    }

    /** A failed launch is refunded in full: PROVISION_FAILED -> SETTLING and a settle message (again after a crash). */
    private Optional<Order> toSettlement(String orderId) {
        Instant now = clock.instant();
        Optional<Order> settling = orders.update(orderId, o -> o.state() == OrderState.PROVISION_FAILED
                ? Optional.of(o.moveTo(OrderState.SETTLING, now)) : Optional.empty());
        if (settling.map(Order::state).orElse(null) == OrderState.SETTLING) {
            queue.send(WorkQueue.Topic.SETTLE, orderId, "settle:" + orderId);
        }
        return settling;
    }
}
