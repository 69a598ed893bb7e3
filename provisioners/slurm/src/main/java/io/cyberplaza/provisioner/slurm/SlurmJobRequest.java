package io.cyberplaza.provisioner.slurm;

import java.util.Map;
import java.util.Objects;

/**
 * A batch job as slurmrestd submits it.
 *
 * @param comment          carries the order's key, so a second delivery finds the job instead of submitting another
 * @param timeLimitMinutes the purchased wall time: Slurm ends the job (each task of an array) there
 * @param gpusPerTask      GPUs each task holds (GPU partitions), 0 for none
 * @param output           stdout's path pattern ({@code %j} the job, {@code %A_%a} an array task); stderr is beside it
 * @param array            a job array's index expression ({@code 0-99%10}), or null
 * @param dependency       e.g. {@code afterok:41}, or null
 */
public record SlurmJobRequest(String name, String comment, String partition, int cpusPerTask, int gpusPerTask, long memoryMb,
                              long timeLimitMinutes, String workingDirectory, String output, String script,
                              Map<String, String> environment, String array, String dependency) {
    public SlurmJobRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(script, "script");
        if (cpusPerTask < 1 || gpusPerTask < 0 || memoryMb < 1 || timeLimitMinutes < 1) {
            throw new IllegalArgumentException("a job needs cores, memory and time");
        }
        environment = Map.copyOf(environment);
        // slurmrestd 0.0.38 refuses a job without an environment.
        if (environment.isEmpty()) throw new IllegalArgumentException("a job has at least one environment variable");
    }

    /** A plain job writing to {@code workingDirectory}'s {@code slurm-%j.out}. */
    public SlurmJobRequest(String name, String comment, String partition, int cpusPerTask, long memoryMb, long timeLimitMinutes,
                           String workingDirectory, String script, Map<String, String> environment, String array, String dependency) {
        this(name, comment, partition, cpusPerTask, 0, memoryMb, timeLimitMinutes, workingDirectory,
                workingDirectory == null ? null : workingDirectory + "/slurm-%j.out", script, environment, array, dependency);
    }

    /** Stderr's path: beside stdout's. */
    public String error() {
        return output == null ? null : output.endsWith(".out") ? output.substring(0, output.length() - 4) + ".err" : output + ".err";
    }
}
