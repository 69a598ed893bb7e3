package io.cyberplaza.local;

import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.order.OrderState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;

/** The local runner's metrics, in Prometheus text at {@code GET /metrics} (Azure Monitor reads the same). */
public final class PrometheusMetrics implements Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer settlementLatency = Timer.builder("cyberplaza.settlement.latency")
            .description("From an order's end to its settlement confirmed on chain")
            .publishPercentileHistogram().register(registry);

    @Override
    public void orderReached(OrderState state) {
        Counter.builder("cyberplaza.orders.entered").description("Orders that entered each state")
                .tag("state", state.name()).register(registry).increment();
    }

    @Override
    public void settlementConfirmed(Duration sinceEnd) {
        settlementLatency.record(sinceEnd);
    }

    @Override
    public void vendorError(String vendor, String reason) {
        Counter.builder("cyberplaza.vendor.errors").description("Failed vendor calls")
                .tag("vendor", vendor).tag("reason", reason).register(registry).increment();
    }

    @Override
    public void alert(String kind) {
        Counter.builder("cyberplaza.alerts").description("Things an operator must look at now, by kind")
                .tag("kind", kind).register(registry).increment();
    }

    String scrape() {
        return registry.scrape();
    }
}
