package io.cyberplaza.aws.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cyberplaza.runtime.job.GroupBuying;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** EventBridge schedule: closes due campaigns, buys and hands out coupons, settles pledges ({@link GroupBuying}). */
public class GroupBuyHandler extends MicronautRequestHandler<ScheduledEvent, GroupBuying.Report> {

    @Inject
    GroupBuying job;

    public GroupBuyHandler() {
    }

    public GroupBuyHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.onlyWhatTheHandlerUses();
    }

    @Override
    public GroupBuying.Report execute(ScheduledEvent event) {
        return job.run();
    }
}
