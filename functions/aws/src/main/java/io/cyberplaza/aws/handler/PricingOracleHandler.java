package io.cyberplaza.aws.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cyberplaza.runtime.job.PricingRun;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** EventBridge schedule: one pricing round ({@link PricingRun}). */
public class PricingOracleHandler extends MicronautRequestHandler<ScheduledEvent, PricingRun.Summary> {

    @Inject
    PricingRun job;

    public PricingOracleHandler() {
    }

    public PricingOracleHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.onlyWhatTheHandlerUses();
    }

    @Override
    public PricingRun.Summary execute(ScheduledEvent event) {
        return job.run();
    }
}
