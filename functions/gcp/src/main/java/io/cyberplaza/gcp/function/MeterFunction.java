package io.cyberplaza.gcp.function;

import io.cyberplaza.runtime.job.Metering;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** Schedule: meters running orders and re-drives what a crash left behind. */
public class MeterFunction extends ScheduledFunction<Metering.Report> {
    @Inject
    Metering job;

    public MeterFunction() {
    }

    public MeterFunction(ApplicationContext context) {
        super(context);
        injectThis(context);
    }

    @Override
    public Metering.Report run() {
        return job.run();
    }
}
