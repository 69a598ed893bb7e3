package io.cyberplaza.core.run;

import io.cyberplaza.core.log.Correlation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.order.EndReason;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.order.OrderUpdater;
import io.cyberplaza.core.order.Usage;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.Resource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Ends a running order: by its buyer, at the end of the purchased time, when the escrow is spent,
 * or when the provider reports the resource gone. RUNNING -> STOPPING is written first, with the
 * reason; the stop and the final usage reading follow; then COMPLETED -> SETTLING in one write and a
 * settle message. Every step may be repeated after a crash, and the first reason decided stands (a
 * failure seen by the meter keeps its SLA refund even if the buyer presses stop in the meantime).
 */
public final class CompletionService {
    private static final Logger log = LoggerFactory.getLogger(CompletionService.class);

    private final OrderRepository repository;
    private final OrderUpdater orders;
    private final Provisioners provisioners;
    private final WorkQueue queue;
    private final Clock clock;

    public CompletionService(OrderRepository orders, Provisioners provisioners, WorkQueue queue, Clock clock) {
        this.repository = orders;
        this.orders = new OrderUpdater(orders);
        this.provisioners = provisioners;
        this.queue = queue;
        this.clock = clock;
    }

    /** The buyer asks to stop now. A funded order that has not started is simply refunded. */
    public Order completeByOwner(String caller, String orderId) {
        Order order = repository.find(orderId).filter(o -> o.owner().equals(caller))
                .orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no order " + orderId));
        return switch (order.state()) {
            case RUNNING, STOPPING, COMPLETED -> complete(orderId, EndReason.USER_COMPLETED).orElseThrow();
            case FUNDED -> cancelBeforeStart(orderId);
            case SETTLING, SETTLED -> order;
            default -> throw new DomainException(ErrorType.STATE_CONFLICT,
                    "order " + orderId + " is " + order.state() + " and cannot be completed now");
        };
    }

    private Order cancelBeforeStart(String orderId) {
        Instant now = clock.instant();
        Order order = orders.update(orderId, o -> o.state() == OrderState.FUNDED
                ? Optional.of(o.withUsage(Usage.neverStarted(now), now).moveTo(OrderState.SETTLING, now))
                : Optional.empty()).orElseThrow();
        if (order.state() != OrderState.SETTLING) {
            // Provisioning started in the meantime: end it the normal way.
            return complete(orderId, EndReason.USER_COMPLETED).orElse(order);
        }
        queue.send(WorkQueue.Topic.SETTLE, orderId, "settle:" + orderId);
        return order;
    }

    public Optional<Order> complete(String orderId, EndReason reason) {
        return complete(orderId, reason, null);
    }

    /**
     * Ends the order as of {@code endedAt} when the provider says when it ended (a vendor's callback),
     * else as of now. No time after either is billed.
     */
    public Optional<Order> complete(String orderId, EndReason reason, Instant endedAt) {
        try (var correlated = Correlation.order(orderId)) {
            return completeCorrelated(orderId, reason, endedAt);
        }
    }

    private Optional<Order> completeCorrelated(String orderId, EndReason reason, Instant endedAt) {
        Optional<Order> stopping = orders.update(orderId, o -> {
            if (o.state() != OrderState.RUNNING) return Optional.empty();
            Instant now = clock.instant();
            Usage usage = usageOf(o, now);
            Instant decided = endedAt == null || endedAt.isAfter(now) ? now
                    : usage.startedAt() != null && endedAt.isBefore(usage.startedAt()) ? usage.startedAt() : endedAt;
            return Optional.of(o.withUsage(usage.stopping(reason, decided), now).moveTo(OrderState.STOPPING, now));
        });
        if (stopping.isEmpty()) return stopping;
        Order order = stopping.get();
        if (order.state() == OrderState.STOPPING) {
            Provisioner provisioner = provisioners.forKind(order.terms().provisioner());
            Optional<Resource> finalState;
            try {
                // Ended orders release their resource for good: a cloud machine left stopped would still bill its disks.
                provisioner.terminate(order.resourceId());
                finalState = provisioner.describe(order.resourceId());
            } catch (ProvisionException e) {
                // The stop is decided and billing ended with it; only the vendor's part waits, and the sweep of
                // stalled orders asks again. The caller (a buyer, the meter) is answered with the stopping order.
                if (e.retryable()) {
                    log.warn("could not release {} yet ({}: {}); the stop is retried", order.resourceId(), e.reason(), e.getMessage());
                } else {
                    // Refused for good (a permission, a protection): the machine may run on at the platform's cost.
                    log.error("the provider refused to release {} ({}: {}); an operator must look at it, the stop is retried meanwhile",
                            order.resourceId(), e.reason(), e.getMessage());
                }
                return Optional.of(order);
            }
            Instant now = clock.instant();
            Usage usage = finalUsage(order, finalState, reason, now);
            order = orders.update(orderId, o -> o.state() == OrderState.STOPPING
                    ? Optional.of(o.withUsage(usage, now).moveTo(OrderState.COMPLETED, now).moveTo(OrderState.SETTLING, now))
                    : Optional.empty()).orElseThrow();
            log.info("order ended ({}) after {} s, {} s lost; to settlement", order.usage().endReason(), order.usage().usedSeconds(),
                    order.usage().lostSeconds());
        }
        if (order.state() == OrderState.SETTLING || order.state() == OrderState.COMPLETED) {
            queue.send(WorkQueue.Topic.SETTLE, orderId, "settle:" + orderId);
        }
        return Optional.of(order);
    }

    private static Usage usageOf(Order order, Instant now) {
        return order.usage() != null ? order.usage() : Usage.running(now);
    }

    /** The provider's final reading, billed no further than the moment the stop was decided. */
    private static Usage finalUsage(Order order, Optional<Resource> resource, EndReason fallbackReason, Instant now) {
        Usage usage = usageOf(order, now);
        Instant decidedAt = usage.endedAt() != null ? usage.endedAt() : now;
        EndReason reason = usage.endReason() != null ? usage.endReason() : fallbackReason;
        long billable = Math.max(0, Duration.between(usage.startedAt(), decidedAt).toSeconds());
        long used = Math.min(billable, resource.map(Resource::usedSeconds).orElse(billable));
        long lost = Math.min(used, resource.map(Resource::lostSeconds).orElse(usage.lostSeconds()));
        Instant ended = resource.map(Resource::endedAt).filter(at -> at != null && at.isBefore(decidedAt)).orElse(decidedAt);
        // A scheduler's accounting of its tasks is final once they ended; the decided moment caps the bill through the
        // cancel that follows it, and the units times the purchased time of every task cap it in the settlement.
        Long metered = resource.map(Resource::unitSeconds).orElse(usage.meteredUnitSeconds());
        return usage.ended(ended, used, lost, reason, metered);
    }
}
