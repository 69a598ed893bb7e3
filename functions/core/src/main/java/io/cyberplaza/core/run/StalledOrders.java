package io.cyberplaza.core.run;

import io.cyberplaza.core.order.EndReason;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.settlement.SettlementStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The safety net under the queues. A function that dies between writing a state and sending the
 * message for the next step, or a message that used up its deliveries, leaves an order in an
 * in-between state with nothing coming for it. Every step is idempotent, so the meter schedule asks
 * again for the next step of any order that has sat in such a state for longer than
 * {@code stallAfter}: provisioning for FUNDED and PROVISIONING, the rest of the stop for STOPPING
 * (after a minute at most: a stop the vendor refused for a moment leaves its machine running),
 * and settlement for SETTLING orders whose transaction was never marked (marked ones belong to
 * {@link io.cyberplaza.core.settlement.SettlementService#resubmitUnsent}).
 */
public final class StalledOrders {
    private static final Logger log = LoggerFactory.getLogger(StalledOrders.class);
    private static final Duration STOP_RETRY = Duration.ofMinutes(1);

    public record Report(int provisionsRequested, int stopsResumed, int settlementsRequested) {
        public int total() {
            return provisionsRequested + stopsResumed + settlementsRequested;
        }
    }

    private final OrderRepository orders;
    private final SettlementRepository settlements;
    private final CompletionService completion;
    private final WorkQueue queue;
    private final Clock clock;
    private final Duration stallAfter;

    public StalledOrders(OrderRepository orders, SettlementRepository settlements, CompletionService completion,
                         WorkQueue queue, Clock clock, Duration stallAfter) {
        this.orders = orders;
        this.settlements = settlements;
        this.completion = completion;
        this.queue = queue;
        this.clock = clock;
        this.stallAfter = stallAfter;
    }

    public Report redrive() {
        Instant cutoff = clock.instant().minus(stallAfter);
        int provisions = 0, stops = 0, settles = 0;
        for (Order order : stalled(List.of(OrderState.FUNDED, OrderState.PROVISIONING, OrderState.PROVISION_FAILED), cutoff)) {
            queue.send(WorkQueue.Topic.PROVISION, order.orderId(), "provision:" + order.orderId());
            provisions++;
        }
        // A stop waits on a vendor that may still be running (and billing the platform for) the machine: sooner.
        Instant stopCutoff = clock.instant().minus(stallAfter.compareTo(STOP_RETRY) < 0 ? stallAfter : STOP_RETRY);
        for (Order order : stalled(List.of(OrderState.STOPPING, OrderState.COMPLETED), stopCutoff)) {
            try {
                // The stop's own reason was stored with STOPPING and wins; this one only fills a gap.
                boolean stopped = completion.complete(order.orderId(), EndReason.RESOURCE_GONE)
                        .map(o -> o.state() != OrderState.STOPPING).orElse(false);
                if (stopped) stops++;
            } catch (RuntimeException e) {
                log.error("the stop of order {} could not be resumed; next run", order.orderId(), e);
            }
        }
        for (Order order : stalled(List.of(OrderState.SETTLING), cutoff)) {
            boolean unmarked = settlements.find(order.orderId())
                    .map(s -> s.status() == SettlementStatus.COMPUTED).orElse(true);
            if (!unmarked) continue;
            queue.send(WorkQueue.Topic.SETTLE, order.orderId(), "settle:" + order.orderId());
            settles++;
        }
        Report report = new Report(provisions, stops, settles);
        if (report.total() > 0) log.warn("re-drove stalled orders: {}", report);
        return report;
    }

    private List<Order> stalled(List<OrderState> states, Instant cutoff) {
        return states.stream().flatMap(state -> orders.findByState(state).stream())
                .filter(order -> !order.updatedAt().isAfter(cutoff)).toList();
    }
}
