package io.cyberplaza.aws.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cyberplaza.runtime.job.Rewarding;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** EventBridge schedule (weekly epochs): computes the CPT rewards of a closed epoch and publishes its root ({@link Rewarding}). */
public class RewardsHandler extends MicronautRequestHandler<ScheduledEvent, Rewarding.Report> {

    @Inject
    Rewarding job;

    public RewardsHandler() {
    }

    public RewardsHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.onlyWhatTheHandlerUses();
    }

    @Override
    public Rewarding.Report execute(ScheduledEvent event) {
        return job.run();
    }
}
