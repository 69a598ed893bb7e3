package io.cyberplaza.aws.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cyberplaza.runtime.job.Metering;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** EventBridge schedule: meters running orders and re-drives what a crash left behind ({@link Metering}). */
public class MeterHandler extends MicronautRequestHandler<ScheduledEvent, Metering.Report> {

    @Inject
    Metering job;

    public MeterHandler() {
    }

    public MeterHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.onlyWhatTheHandlerUses();
    }

    @Override
    public Metering.Report execute(ScheduledEvent event) {
        return job.run();
    }
}
