package io.cyberplaza.runtime.job;

import io.cyberplaza.core.rewards.RewardsRun;
import io.cyberplaza.core.ve.FeeSplitRun;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/**
 * The rewards function's schedule: computes the next closed epoch and takes its publication one step
 * further, then (where veCPT is deployed) takes the oldest unsplit week's fee split one step further.
 */
@Singleton
public class Rewarding {

    @Serdeable
    public record Report(long epoch, String stage, String distributed, String note, @Nullable FeeSplit feeSplit) {
    }

    /** The fee split's step: the week worked on (0: none due), its amount in micro-USDC and its stage. */
    @Serdeable
    public record FeeSplit(long week, String amount, String stage, @Nullable String note) {
    }

    private final RewardsRun run;
    private final FeeSplitRun feeSplit;

    public Rewarding(RewardsRun run, @Nullable FeeSplitRun feeSplit) {
        this.run = run;
        this.feeSplit = feeSplit;
    }

    public Report run() {
        RewardsRun.Report report = run.run();
        FeeSplit split = null;
        if (feeSplit != null) {
            FeeSplitRun.Report step = feeSplit.run();
            split = new FeeSplit(step.week(), step.amount(), step.stage(), step.note());
        }
        return new Report(report.epoch(), report.stage(), report.distributed(), report.note(), split);
    }
}
