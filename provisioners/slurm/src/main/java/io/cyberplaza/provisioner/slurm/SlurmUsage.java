package io.cyberplaza.provisioner.slurm;

/**
 * A job's (or an array task's) usage from Slurm's accounting (slurmdbd): what the order is billed for.
 *
 * @param elapsedSeconds wall time from start to end
 * @param cpus           cores allocated to it
 * @param gpus           GPUs allocated to it (the {@code gres/gpu} TRES)
 * @param cpuSeconds     CPU time its steps used (user + system)
 */
public record SlurmUsage(long jobId, String state, long elapsedSeconds, long cpus, long gpus, long cpuSeconds) {

    /** Allocated core-seconds: what a per-core-hour price applies to. */
    public long coreSeconds() {
        return Math.multiplyExact(elapsedSeconds, cpus);
    }

    public long gpuSeconds() {
        return Math.multiplyExact(elapsedSeconds, gpus);
    }

    /** Whether accounting has the job's end: its figures are final. */
    public boolean isFinal() {
        return switch (state) {
            case "", "PENDING", "RUNNING", "REQUEUED", "SUSPENDED", "COMPLETING" -> false;
            default -> true;
        };
    }
}
