package io.cyberplaza.local;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Prometheus metrics, when the deployment asks for them (the local runner does). */
@Factory
@Requires(property = "cyberplaza.metrics.format", value = "prometheus")
public class LocalMetrics {

    @Singleton
    PrometheusMetrics metrics() {
        return new PrometheusMetrics();
    }
}
