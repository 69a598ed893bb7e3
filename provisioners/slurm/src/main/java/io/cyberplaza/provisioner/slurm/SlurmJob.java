package io.cyberplaza.provisioner.slurm;

import java.time.Instant;
import java.util.Locale;

/**
 * A job as slurmctld reports it.
 *
 * @param state    Slurm's job state: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, NODE_FAIL, ...
 * @param exitCode the script's exit status (the wait status Slurm reports, decoded), or null while it runs
 * @param signal   the signal that ended it, 0 if none
 */
public record SlurmJob(long jobId, String name, String comment, String state, Integer exitCode, int signal, Instant startedAt,
                       Instant endedAt, long timeLimitMinutes) {

    public boolean isFinished() {
        return switch (state.toUpperCase(Locale.ROOT)) {
            case "PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED", "RESIZING", "SIGNALING", "STAGE_OUT" -> false;
            default -> true;
        };
    }

    /** Ended by a fault of the cluster, not of the job: the order's SLA failed. */
    public boolean endedByTheCluster() {
        String s = state.toUpperCase(Locale.ROOT);
        return s.equals("NODE_FAIL") || s.equals("BOOT_FAIL") || s.equals("PREEMPTED");
    }
}
