package io.cyberplaza.core.metrics;

import io.cyberplaza.core.order.OrderState;

import java.time.Duration;

/**
 * Port: what the platform measures. Published as CloudWatch embedded-metric log lines by the Lambda
 * functions and as Prometheus text by the local runner (which Azure Monitor also reads).
 */
public interface Metrics {

    /** An order entered {@code state}. */
    void orderReached(OrderState state);

    /** A settlement was confirmed on chain, {@code sinceEnd} after its order stopped running. */
    void settlementConfirmed(Duration sinceEnd);

    /** A vendor call failed; {@code reason} is the port's classification (THROTTLED, CAPACITY, ...). */
    void vendorError(String vendor, String reason);

    /**
     * Something an operator must look at now: {@code kind} names it (a settlement the platform never
     * made, an order its owner reclaimed after compute ran, the token paused). Counted by kind.
     */
    void alert(String kind);

    Metrics NONE = new Metrics() {
        @Override
        public void orderReached(OrderState state) {
        }

        @Override
        public void settlementConfirmed(Duration sinceEnd) {
        }

        @Override
        public void vendorError(String vendor, String reason) {
        }

        @Override
        public void alert(String kind) {
        }
    };
}
