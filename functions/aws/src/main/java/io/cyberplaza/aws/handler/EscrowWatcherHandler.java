package io.cyberplaza.aws.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cyberplaza.runtime.job.EscrowWatch;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** EventBridge schedule: applies confirmed escrow events ({@link EscrowWatch}). */
public class EscrowWatcherHandler extends MicronautRequestHandler<ScheduledEvent, EscrowWatch.Report> {

    @Inject
    EscrowWatch job;

    public EscrowWatcherHandler() {
    }

    public EscrowWatcherHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.onlyWhatTheHandlerUses();
    }

    @Override
    public EscrowWatch.Report execute(ScheduledEvent event) {
        return job.run();
    }
}
