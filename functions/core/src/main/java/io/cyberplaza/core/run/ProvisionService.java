package io.cyberplaza.core.run;

import io.cyberplaza.core.log.Correlation;
import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.order.OrderUpdater;
import io.cyberplaza.core.order.Usage;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.ProvisionException;
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
 * A launch the vendor refuses for good ends the order with a full refund.
 */
public final class ProvisionService {
    private static final Logger log = LoggerFactory.getLogger(ProvisionService.class);

    private final OrderUpdater orders;
    private final Provisioners provisioners;
    private final WorkQueue queue;
    private final Metrics metrics;
    private final Clock clock;
    private final String environment;

    public ProvisionService(OrderRepository orders, Provisioners provisioners, WorkQueue queue, Metrics metrics, Clock clock,
                            String environment) {
        this.orders = new OrderUpdater(orders);
        this.metrics = metrics;
        this.provisioners = provisioners;
        this.queue = queue;
        this.clock = clock;
        this.environment = environment;
    }

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
        if (claimed.isEmpty() || claimed.get().state() != OrderState.PROVISIONING) return claimed;

        Order order = claimed.get();
        LaunchRequest request = new LaunchRequest(orderId, order.terms().offerId(), order.workload().template(),
                order.workload().parameters(), order.terms().units(), Duration.ofSeconds(order.terms().purchasedSeconds()),
                Map.of("cyberplaza:order", orderId, "cyberplaza:env", environment));
        Resource resource;
        try {
            resource = provisioners.forKind(order.terms().provisioner()).launch(request, idempotencyKey(orderId));
        } catch (ProvisionException e) {
            metrics.vendorError(order.terms().provisioner(), e.reason().name());
            if (e.retryable()) throw e;
            log.warn("launch of order {} failed for good ({}): refunding", orderId, e.reason());
            Instant now = clock.instant();
            Optional<Order> failed = orders.update(orderId, o -> o.state() == OrderState.PROVISIONING
                    ? Optional.of(o.withUsage(Usage.neverStarted(now), now).moveTo(OrderState.SETTLING, now)) : Optional.empty());
            if (failed.map(Order::state).orElse(null) == OrderState.SETTLING) {
                queue.send(WorkQueue.Topic.SETTLE, orderId, "settle:" + orderId);
            }
            return failed;
        }
        log.info("resource {} launched", resource.resourceId());
        Instant started = resource.startedAt() != null ? resource.startedAt() : clock.instant();
        return orders.update(orderId, o -> o.state() == OrderState.PROVISIONING
                ? Optional.of(o.moveTo(OrderState.RUNNING, clock.instant()).withResource(resource.resourceId(), clock.instant())
                .withUsage(Usage.running(started), clock.instant()))
                : Optional.empty());
    }
}
