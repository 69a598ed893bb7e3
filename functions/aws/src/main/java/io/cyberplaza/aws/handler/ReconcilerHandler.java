package io.cyberplaza.aws.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cyberplaza.core.run.LeakReconciler;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Schedule: terminates vendor resources tagged as the platform's that no live order owns. */
public class ReconcilerHandler extends MicronautRequestHandler<ScheduledEvent, LeakReconciler.Report> {

    @Inject
    LeakReconciler reconciler;

    public ReconcilerHandler() {
    }

    public ReconcilerHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.onlyWhatTheHandlerUses();
    }

    @Override
    public LeakReconciler.Report execute(ScheduledEvent event) {
        return reconciler.reconcile();
    }
}
