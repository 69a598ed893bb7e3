package io.cyberplaza.provisioner.slurm;

import java.time.Instant;
import java.util.Locale;

/**
 * A job, or one task of a job array, as slurmctld reports it.
 *
 * @param state        Slurm's job state: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, NODE_FAIL, ...
 * @param exitCode     the script's exit status (the wait status Slurm reports, decoded), or null while it runs
 * @param signal       the signal that ended it, 0 if none
 * @param arrayJobId   the array this task belongs to, 0 for a plain job
 * @param arrayTaskId  the task's index in its array, or -1 (a plain job, or the array's tasks not yet started)
 * @param cpus         cores allocated (requested while pending)
 * @param cpusPerTask  cores the job asked for; a node with hardware threads may allocate more, which the buyer never asked for
 * @param reason       why it waits or ended ({@code DependencyNeverSatisfied}, {@code NodeDown}, ...)
 * @param nodes        the nodes it ran on; blank for a job that never ran (Slurm gives a job cancelled while pending a start time)
 */
public record SlurmJob(long jobId, String name, String comment, String state, Integer exitCode, int signal, Instant startedAt,
                       Instant endedAt, long timeLimitMinutes, long arrayJobId, int arrayTaskId, int cpus, int cpusPerTask, String reason,
                       String nodes) {

    public SlurmJob {
        // A running job's end_time is when its time limit would end it, not an end: it is no end until the job ends.
        if (!finished(state)) endedAt = null;
    }

    public SlurmJob(long jobId, String name, String comment, String state, Integer exitCode, int signal, Instant startedAt,
                    Instant endedAt, long timeLimitMinutes) {
        this(jobId, name, comment, state, exitCode, signal, startedAt, endedAt, timeLimitMinutes, 0, -1, 0, 0, null, "unknown");
    }

    /** The cores to bill: those allocated, never more than asked for. */
    public long billableCpus() {
        return cpusPerTask > 0 ? Math.min(cpus, cpusPerTask) : cpus;
    }

    public boolean isFinished() {
        return finished(state);
    }

    private static boolean finished(String state) {
        return switch (state.toUpperCase(Locale.ROOT)) {
            case "PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD", "RESIZING",
                 "SIGNALING", "STAGE_OUT" -> false;
            default -> true;
        };
    }

    public boolean hasStarted() {
        return startedAt != null && !state.equalsIgnoreCase("PENDING") && nodes != null && !nodes.isBlank();
    }

    /** Ended by a fault of the cluster, not of the job: the order's SLA failed. */
    public boolean endedByTheCluster() {
        String s = state.toUpperCase(Locale.ROOT);
        return s.equals("NODE_FAIL") || s.equals("BOOT_FAIL") || s.equals("PREEMPTED");
    }

    /** Stopped from outside the job: cancelled, or ended at its time limit. */
    public boolean wasStopped() {
        String s = state.toUpperCase(Locale.ROOT);
        return s.equals("CANCELLED") || s.equals("TIMEOUT") || s.equals("DEADLINE");
    }

    /** Waits on a step that can no longer end well: it will never start by itself. */
    public boolean waitsInVain() {
        return !isFinished() && "DependencyNeverSatisfied".equals(reason);
    }

    SlurmJob withExit(Integer newExitCode, int newSignal) {
        return new SlurmJob(jobId, name, comment, state, newExitCode, newSignal, startedAt, endedAt, timeLimitMinutes, arrayJobId,
                arrayTaskId, cpus, cpusPerTask, reason, nodes);
    }
}
