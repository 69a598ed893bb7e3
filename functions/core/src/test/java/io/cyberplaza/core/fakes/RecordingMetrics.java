package io.cyberplaza.core.fakes;

import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.order.OrderState;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every measurement, so tests can assert what was measured. */
public final class RecordingMetrics implements Metrics {
    public final List<OrderState> states = new CopyOnWriteArrayList<>();
    public final List<Duration> settlementLatencies = new CopyOnWriteArrayList<>();
    public final List<String> vendorErrors = new CopyOnWriteArrayList<>();
    public final List<String> alerts = new CopyOnWriteArrayList<>();

    @Override
    public void alert(String kind) {
        alerts.add(kind);
    }

    @Override
    public void orderReached(OrderState state) {
        states.add(state);
    }

    @Override
    public void settlementConfirmed(Duration sinceEnd) {
        settlementLatencies.add(sinceEnd);
    }

    @Override
    public void vendorError(String vendor, String reason) {
        vendorErrors.add(vendor + ":" + reason);
    }
}
