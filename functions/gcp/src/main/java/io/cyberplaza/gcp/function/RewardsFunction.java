package io.cyberplaza.gcp.function;

import io.cyberplaza.runtime.job.Rewarding;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** Schedule: computes the CPT rewards of a closed epoch and takes its publication on chain one step further. */
public class RewardsFunction extends ScheduledFunction<Rewarding.Report> {
    @Inject
    Rewarding job;

    public RewardsFunction() {
    }

    public RewardsFunction(ApplicationContext context) {
        super(context);
        injectThis(context);
    }

    @Override
    public Rewarding.Report run() {
        return job.run();
    }
}
