package io.cyberplaza.runtime.metrics;

import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.order.OrderState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Metrics as one JSON log line each, for clouds whose monitoring turns log lines into metrics:
 * Azure Monitor (a log query over the function's traces) and Cloud Logging's log-based metrics.
 * The {@code cyberplaza.metrics} logger carries nothing else.
 */
public final class LoggedMetrics implements Metrics {
    private static final Logger metrics = LoggerFactory.getLogger("cyberplaza.metrics");

    private final String environment;

    public LoggedMetrics(String environment) {
        this.environment = environment;
    }

    @Override
    public void orderReached(OrderState state) {
        metrics.info("{\"metric\":\"OrdersByState\",\"value\":1,\"unit\":\"Count\",\"state\":\"{}\",\"environment\":\"{}\"}", state, environment);
    }

    @Override
    public void settlementConfirmed(Duration sinceEnd) {
        metrics.info("{\"metric\":\"SettlementLatency\",\"value\":{},\"unit\":\"Milliseconds\",\"environment\":\"{}\"}",
                sinceEnd.toMillis(), environment);
    }

    @Override
    public void vendorError(String vendor, String reason) {
        metrics.info("{\"metric\":\"VendorErrors\",\"value\":1,\"unit\":\"Count\",\"vendor\":\"{}\",\"reason\":\"{}\",\"environment\":\"{}\"}",
                vendor, reason, environment);
    }

    @Override
    public void alert(String kind) {
        metrics.info("{\"metric\":\"Alerts\",\"value\":1,\"unit\":\"Count\",\"kind\":\"{}\",\"environment\":\"{}\"}", kind, environment);
    }
}
