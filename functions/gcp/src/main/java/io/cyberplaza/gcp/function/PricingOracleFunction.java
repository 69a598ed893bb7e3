package io.cyberplaza.gcp.function;

import io.cyberplaza.runtime.job.PricingRun;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** Schedule: one pricing round. */
public class PricingOracleFunction extends ScheduledFunction<PricingRun.Summary> {
    @Inject
    PricingRun job;

    public PricingOracleFunction() {
    }

    public PricingOracleFunction(ApplicationContext context) {
        super(context);
        injectThis(context);
    }

    @Override
    public PricingRun.Summary run() {
        return job.run();
    }
}
