package io.cyberplaza.provisioner.slurm;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One centre's partition as the platform reaches it.
 *
 * @param rest             slurmrestd's address
 * @param apiVersion       the OpenAPI release it speaks ({@code v0.0.38}, {@code v0.0.40}, {@code v0.0.41})
 * @param user             the cluster account the platform's jobs run as
 * @param memoryMbPerUnit  memory each allocated core (or GPU) comes with
 * @param billedByGpu      whether a unit is a GPU (a GPU partition) rather than a core
 * @param outputRoot       where jobs write, as the cluster's nodes and the platform both see it (a shared file system)
 * @param resultLimitBytes the most of a job's output handed to its owner
 */
public record SlurmSite(URI rest, String apiVersion, String user, String partition, long memoryMbPerUnit, boolean billedByGpu,
                        Path outputRoot, long resultLimitBytes) {
    public SlurmSite {
        Objects.requireNonNull(rest, "rest");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(outputRoot, "outputRoot");
        if (memoryMbPerUnit < 1 || resultLimitBytes < 1) throw new IllegalArgumentException("a site gives each unit memory and its owner some output");
    }
}
