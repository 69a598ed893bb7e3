package io.cyberplaza.local;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/** {@code GET /metrics}: Prometheus text. Exists only in the local runner. */
@Controller("/metrics")
@Requires(env = "local")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class MetricsController {
    private final PrometheusMetrics metrics;

    public MetricsController(PrometheusMetrics metrics) {
        this.metrics = metrics;
    }

    @Get(produces = "text/plain; version=0.0.4")
    public String scrape() {
        return metrics.scrape();
    }
}
