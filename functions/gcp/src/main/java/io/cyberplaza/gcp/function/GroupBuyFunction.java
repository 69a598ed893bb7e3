package io.cyberplaza.gcp.function;

import io.cyberplaza.runtime.job.GroupBuying;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** Schedule: closes due campaigns, buys and hands out coupons, settles pledges. */
public class GroupBuyFunction extends ScheduledFunction<GroupBuying.Report> {
    @Inject
    GroupBuying job;

    public GroupBuyFunction() {
    }

    public GroupBuyFunction(ApplicationContext context) {
        super(context);
        injectThis(context);
    }

    @Override
    public GroupBuying.Report run() {
        return job.run();
    }
}
