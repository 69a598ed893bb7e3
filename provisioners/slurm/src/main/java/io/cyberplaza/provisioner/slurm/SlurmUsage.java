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

    /** An accounting record: its allocated TRES and its steps' CPU time read the same in every release; its state as given. */
    static SlurmUsage of(com.fasterxml.jackson.databind.JsonNode job, String state) {
        long cpus = 0, gpus = 0;
        for (var tres : job.path("tres").path("allocated")) {
            if ("cpu".equals(tres.path("type").asText())) cpus = tres.path("count").asLong();
            if ("gres".equals(tres.path("type").asText()) && "gpu".equals(tres.path("name").asText())) gpus = tres.path("count").asLong();
        }
        long cpuSeconds = 0;
        for (var step : job.path("steps")) {
            var time = step.path("time");
            cpuSeconds += time.path("user").path("seconds").asLong() + time.path("system").path("seconds").asLong();
        }
        return new SlurmUsage(job.path("job_id").asLong(), state, job.path("time").path("elapsed").asLong(), cpus, gpus, cpuSeconds);
    }

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
