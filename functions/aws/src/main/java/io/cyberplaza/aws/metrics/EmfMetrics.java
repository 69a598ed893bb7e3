package io.cyberplaza.aws.metrics;

import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.order.OrderState;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.exception.DimensionSetExceededException;
import software.amazon.cloudwatchlogs.emf.exception.InvalidDimensionException;
import software.amazon.cloudwatchlogs.emf.exception.InvalidMetricException;
import software.amazon.cloudwatchlogs.emf.exception.InvalidNamespaceException;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.time.Duration;

/**
 * CloudWatch metrics as embedded-metric-format log lines: the function writes them to standard
 * output and CloudWatch turns them into metrics, with no API call in the request path.
 */
public final class EmfMetrics implements Metrics {
    static final String NAMESPACE = "CyberPlaza";

    private final Environment environment;
    private final String deployment;

    public EmfMetrics(Environment environment, String deployment) {
        this.environment = environment;
        this.deployment = deployment;
    }

    @Override
    public void orderReached(OrderState state) {
        emit("OrdersEnteringState", 1, Unit.COUNT, "State", state.name());
    }

    @Override
    public void settlementConfirmed(Duration sinceEnd) {
        emit("SettlementLatency", sinceEnd.toMillis() / 1_000.0, Unit.SECONDS);
    }

    @Override
    public void vendorError(String vendor, String reason) {
        emit("VendorErrors", 1, Unit.COUNT, "Vendor", vendor, "Reason", reason);
    }

    @Override
    public void alert(String kind) {
        emit("Alerts", 1, Unit.COUNT, "Kind", kind);
    }

    private void emit(String metric, double value, Unit unit, String... dimensions) {
        MetricsLogger logger = new MetricsLogger(environment);
        try {
            logger.setNamespace(NAMESPACE);
            DimensionSet set = DimensionSet.of("Environment", deployment);
            for (int i = 0; i < dimensions.length; i += 2) set.addDimension(dimensions[i], dimensions[i + 1]);
            logger.setDimensions(set);
            logger.putMetric(metric, value, unit);
        } catch (InvalidNamespaceException | InvalidDimensionException | DimensionSetExceededException | InvalidMetricException e) {
            throw new IllegalArgumentException("metric " + metric + " cannot be expressed in EMF", e);
        }
        logger.flush();
    }
}
