package io.cyberplaza.runtime.job;

import io.cyberplaza.core.pricing.PricingOracle;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.List;

/** The pricing oracle's schedule: one round over every enabled source, summarised for the invocation's log. */
@Singleton
public class PricingRun {

    @Serdeable
    public record Summary(int observations, int sourcesRead, List<String> sourcesFailed, int pricesPublished, int feedsUpdated,
                          int rejections) {
    }

    private final PricingOracle oracle;

    public PricingRun(PricingOracle oracle) {
        this.oracle = oracle;
    }

    public Summary run() {
        PricingOracle.Report report = oracle.run();
        return new Summary(report.observations(), report.sourcesRead(), report.sourcesFailed(), report.pricesPublished(),
                report.feedsUpdated(), report.rejections().size());
    }
}
