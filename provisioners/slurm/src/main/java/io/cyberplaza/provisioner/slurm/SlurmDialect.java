package io.cyberplaza.provisioner.slurm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One release line of slurmrestd's OpenAPI: where its operations live, how a job is written, and
 * how jobs, accounting and errors read. Real centres run different Slurm releases.
 */
public interface SlurmDialect {

    /** e.g. {@code v0.0.38}. */
    String version();

    default String ctld() {
        return "/slurm/" + version();
    }

    default String dbd() {
        return "/slurmdb/" + version();
    }

    /** Where every job is listed. */
    default String jobsPath() {
        return ctld() + "/jobs";
    }

    JsonNode submitBody(SlurmJobRequest request);

    /** The jobs (or array tasks) of a {@code /job/{id}} or {@code /jobs} answer. */
    List<SlurmJob> jobs(JsonNode answer);

    /** The accounting records of a {@code /slurmdb/.../job/{id}} answer: an array's tasks each. */
    List<SlurmUsage> usages(JsonNode answer);

    /** The error messages of any answer, empty if none. */
    List<String> errors(JsonNode answer);

    static SlurmDialect of(String version) {
        return switch (version) {
            case "v0.0.38" -> new SlurmV0038();
            case "v0.0.40", "v0.0.41" -> new SlurmV0040(version);
            default -> throw new IllegalArgumentException("no Slurm REST dialect " + version + "; v0.0.38, v0.0.40 and v0.0.41 are spoken");
        };
    }
}
