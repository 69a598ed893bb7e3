package io.cyberplaza.gcp.function;

import io.cyberplaza.core.run.LeakReconciler;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** Schedule: terminates machines tagged as ours that no live order owns. */
public class ReconcilerFunction extends ScheduledFunction<LeakReconciler.Report> {
    @Inject
    LeakReconciler job;

    public ReconcilerFunction() {
    }

    public ReconcilerFunction(ApplicationContext context) {
        super(context);
        injectThis(context);
    }

    @Override
    public LeakReconciler.Report run() {
        return job.reconcile();
    }
}
