package io.cyberplaza.runtime.job;

import io.cyberplaza.core.groupbuy.GroupBuyRun;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** The group-buy function's schedule: closes due campaigns, buys, collects and allocates coupons, settles pledges. */
@Singleton
public class GroupBuying {

    @Serdeable
    public record Report(int campaignsAdvanced) {
    }

    private final GroupBuyRun run;

    public GroupBuying(GroupBuyRun run) {
        this.run = run;
    }

    public Report run() {
        return new Report(run.run());
    }
}
