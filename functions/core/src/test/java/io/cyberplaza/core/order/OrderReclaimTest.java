package io.cyberplaza.core.order;

import io.cyberplaza.core.contract.OrderRepositoryContract;
import io.cyberplaza.core.fakes.InMemoryOrderRepository;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.RecordingMetrics;
import io.cyberplaza.core.fakes.RecordingWorkQueue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The owner takes the escrow back on chain before the platform settled: the order closes at once, whatever it was doing. */
class OrderReclaimTest {
    private static final String OWNER = "0x00000000000000000000000000000000000000a1";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final List<String> stopped = new CopyOnWriteArrayList<>();
    private final OrderFunding funding = new OrderFunding(orders, new RecordingWorkQueue(), metrics,
            order -> stopped.add(order.resourceId()), clock);

    private String order(OrderState state, String resourceId) {
        String orderId = OrderRepositoryContract.randomOrderId();
        Instant now = clock.instant();
        orders.create(new Order(orderId, OWNER, state, OrderRepositoryContract.TERMS, OrderRepositoryContract.WORKLOAD,
                10_000_000, 10_000_000, now, now, now, resourceId, null, null, 0));
        return orderId;
    }

    @Test
    void aRunningOrderIsClosedItsResourceStoppedAndOneAlertRaisedHoweverOftenTheEventComes() {
        String orderId = order(OrderState.RUNNING, "res-1");
        funding.reclaimed(orderId, 10_000_000);
        funding.reclaimed(orderId, 10_000_000);

        Order closed = orders.find(orderId).orElseThrow();
        assertThat(closed.state()).isEqualTo(OrderState.RECLAIMED);
        assertThat(stopped).as("stopped, and again on redelivery in case the first stop failed").containsOnly("res-1").isNotEmpty();
        assertThat(metrics.alerts).containsExactly("order-reclaimed-after-compute");
    }

    @Test
    void anOrderThatNeverRanIsClosedWithItsOwnAlertAndASettledOneIsLeftAlone() {
        String funded = order(OrderState.FUNDED, null);
        funding.reclaimed(funded, 10_000_000);
        assertThat(orders.find(funded).orElseThrow().state()).isEqualTo(OrderState.RECLAIMED);
        assertThat(metrics.alerts).containsExactly("order-reclaimed");

        String settled = order(OrderState.SETTLED, "res-2");
        funding.reclaimed(settled, 1);
        assertThat(orders.find(settled).orElseThrow().state()).isEqualTo(OrderState.SETTLED);
        assertThat(stopped).isEmpty();
    }
}
