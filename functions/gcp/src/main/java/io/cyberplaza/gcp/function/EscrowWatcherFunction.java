package io.cyberplaza.gcp.function;

import io.cyberplaza.runtime.job.EscrowWatch;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** Schedule: applies confirmed escrow events. */
public class EscrowWatcherFunction extends ScheduledFunction<EscrowWatch.Report> {
    @Inject
    EscrowWatch job;

    public EscrowWatcherFunction() {
    }

    public EscrowWatcherFunction(ApplicationContext context) {
        super(context);
        injectThis(context);
    }

    @Override
    public EscrowWatch.Report run() {
        return job.run();
    }
}
