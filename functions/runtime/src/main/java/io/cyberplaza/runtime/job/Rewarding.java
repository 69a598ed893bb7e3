package io.cyberplaza.runtime.job;

import io.cyberplaza.core.rewards.RewardsRun;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** The rewards function's schedule: computes the next closed epoch and takes its publication one step further. */
@Singleton
public class Rewarding {

    @Serdeable
    public record Report(long epoch, String stage, String distributed, String note) {
    }

    private final RewardsRun run;

    public Rewarding(RewardsRun run) {
        this.run = run;
    }

    public Report run() {
        RewardsRun.Report report = run.run();
        return new Report(report.epoch(), report.stage(), report.distributed(), report.note());
    }
}
