package io.cyberplaza.core.run;

import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.vendor.InstanceRepository;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.ResourceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reconciler schedule: finds resources tagged as the platform's that no live order owns (a
 * crash between a launch and its record, a stop that never happened, a machine of a failed-over
 * launch) and terminates them. A resource younger than the grace period is left alone: its launch
 * may not have been recorded yet. A resource is live while its order is funded or provisioning (the
 * launch is under way), or running or stopping on exactly that resource. The instance record is
 * dropped only once the vendor confirms the resource is gone (terminated, or ended by a failure);
 * until then the next run tries again.
 */
public final class LeakReconciler {
    private static final Logger log = LoggerFactory.getLogger(LeakReconciler.class);
    private static final Set<OrderState> LAUNCHING = EnumSet.of(OrderState.FUNDED, OrderState.PROVISIONING);
    private static final Set<OrderState> ON_ITS_RESOURCE = EnumSet.of(OrderState.RUNNING, OrderState.STOPPING);

    /**
     * @param owned      resources listed as the platform's
     * @param terminated leaked resources a termination was sent for in this run
     * @param confirmed  leaked resources the vendor confirmed gone in this run, their records dropped
     */
    public record Report(int owned, int leaked, int terminated, int confirmed) {
    }

    private final Provisioners provisioners;
    private final OrderRepository orders;
    private final InstanceRepository instances;
    private final Clock clock;
    private final Duration grace;

    public LeakReconciler(Provisioners provisioners, OrderRepository orders, InstanceRepository instances, Clock clock, Duration grace) {
        this.provisioners = provisioners;
        this.orders = orders;
        this.instances = instances;
        this.clock = clock;
        this.grace = grace;
    }

    public Report reconcile() {
        int owned = 0, leaked = 0, terminated = 0, confirmed = 0;
        Instant youngerThan = clock.instant().minus(grace);
        for (Provisioner provisioner : provisioners.all()) {
            if (!provisioner.leaksCost()) continue;
            List<Resource> leaks = new ArrayList<>();
            for (Resource resource : provisioner.listOwned()) {
                owned++;
                if (isLive(resource) || resource.startedAt() != null && resource.startedAt().isAfter(youngerThan)) continue;
                if (isReleased(resource.status())) instances.delete(resource.resourceId());
                else leaks.add(resource);
            }
            if (leaks.isEmpty()) continue;
            leaked += leaks.size();
            try {
                provisioner.terminateAll(leaks.stream().map(Resource::resourceId).toList());
            } catch (ProvisionException e) {
                log.warn("could not terminate {} leaked resources of {} ({}): the next run tries again", leaks.size(), provisioner.kind(),
                        e.getMessage());
                continue;
            }
            terminated += leaks.size();
            for (Resource leak : leaks) {
                log.warn("terminated {}: tagged for order {}, which does not own it (any more)", leak.resourceId(), leak.orderId());
                if (isGone(provisioner.describe(leak.resourceId()))) {
                    instances.delete(leak.resourceId());
                    confirmed++;
                }
            }
        }
        Report report = new Report(owned, leaked, terminated, confirmed);
        if (leaked > 0) log.warn("leak reconciliation: {}", report);
        return report;
    }

    private boolean isLive(Resource resource) {
        if (resource.orderId() == null) return false;
        Optional<Order> order = orders.find(resource.orderId());
        if (order.isEmpty()) return false;
        OrderState state = order.get().state();
        // During a launch the order has no resource yet; any machine of it may be the one it records next.
        if (LAUNCHING.contains(state)) return order.get().resourceId() == null || order.get().resourceId().equals(resource.resourceId());
        return ON_ITS_RESOURCE.contains(state) && resource.resourceId().equals(order.get().resourceId());
    }

    private static boolean isGone(Optional<Resource> resource) {
        return resource.isEmpty() || isReleased(resource.get().status());
    }

    /** Ended for good: a stopped machine is not, it keeps its disks (and their bill). */
    private static boolean isReleased(ResourceStatus status) {
        return !status.isActive() && status != ResourceStatus.STOPPED;
    }
}
