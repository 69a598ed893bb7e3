package io.cyberplaza.provisioner.slurm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** slurmrestd v0.0.38 of a real single-node Slurm 22.05 cluster, as the Slurm provider will speak to it. */
@ExtendWith(SlurmClusterExtension.class)
class SlurmRestClientOnClusterTest {
    private final SlurmClusterExtension.SlurmCluster cluster;
    private final SlurmRestClient slurm;

    SlurmRestClientOnClusterTest(SlurmClusterExtension.SlurmCluster cluster) {
        this.cluster = cluster;
        this.slurm = new SlurmRestClient(cluster.rest(), new SlurmTokens(cluster.jwtKey(), cluster.user(), Clock.systemUTC()),
                Duration.ofSeconds(10));
    }

    private SlurmJobRequest job(String comment, String script, long minutes) {
        return new SlurmJobRequest("order-" + comment.substring(0, 8), comment, cluster.partition(), 1, 128, minutes,
                cluster.jobs().toString(), "#!/bin/bash\n" + script + "\n", Map.of("PATH", "/usr/bin:/bin"), null, null);
    }

    private static <T> T eventually(Supplier<Optional<T>> probe, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) return value.get();
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    @Test
    void aJobRunsAsTheClustersUserEndsWithItsExitCodeAndIsAccountedFor() throws Exception {
        String key = UUID.randomUUID().toString();
        long jobId = slurm.submit(job(key, "echo \"ran as $(id -un) in job $SLURM_JOB_ID\"; sleep 1; exit 3", 2));

        SlurmJob ended = eventually(() -> slurm.job(jobId).filter(SlurmJob::isFinished), "job " + jobId + " to end");
        assertThat(ended.state()).isEqualTo("FAILED");
        assertThat(ended.exitCode()).isEqualTo(3);
        assertThat(ended.signal()).isZero();
        assertThat(ended.comment()).isEqualTo(key);
        assertThat(ended.timeLimitMinutes()).as("the purchased wall time is the job's limit").isEqualTo(2);
        assertThat(ended.endedByTheCluster()).isFalse();
        assertThat(Files.readString(cluster.jobs().resolve("slurm-" + jobId + ".out")))
                .isEqualTo("ran as " + cluster.user() + " in job " + jobId + "\n");

        SlurmUsage usage = eventually(() -> slurm.usage(jobId).filter(u -> !u.state().isBlank()), "the accounting of job " + jobId);
        assertThat(usage.state()).isEqualTo("FAILED");
        assertThat(usage.cpus()).isEqualTo(1);
        assertThat(usage.elapsedSeconds()).isBetween(1L, 30L);
        assertThat(usage.coreSeconds()).isEqualTo(usage.elapsedSeconds());
        assertThat(slurm.idsNamed("order-" + key.substring(0, 8))).as("accounting finds it by name, as after the controller forgets it")
                .containsExactly(jobId);
        assertThat(slurm.idsNamed("order-nobody")).isEmpty();
    }

    @Test
    void aJobIsFoundByItsCommentAndACancelledOneEndsCancelled() throws Exception {
        String key = UUID.randomUUID().toString();
        long jobId = slurm.submit(job(key, "sleep 120", 5));
        assertThat(slurm.findByComment(key)).get().extracting(SlurmJob::jobId).as("a second delivery finds the job").isEqualTo(jobId);
        assertThat(slurm.findByComment(UUID.randomUUID().toString())).isEmpty();

        eventually(() -> slurm.job(jobId).filter(j -> j.state().equals("RUNNING")), "job " + jobId + " to run");
        slurm.cancel(jobId);
        SlurmJob cancelled = eventually(() -> slurm.job(jobId).filter(SlurmJob::isFinished), "job " + jobId + " to end");
        assertThat(cancelled.state()).isEqualTo("CANCELLED");
        slurm.cancel(jobId); // already over: no error
        assertThat(slurm.job(999_999)).as("a job the cluster never had").isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherKeySubmitsNothing() {
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        String key = UUID.randomUUID().toString();
        try (SlurmRestClient forged = new SlurmRestClient(cluster.rest(), new SlurmTokens(otherKey, cluster.user(), Clock.systemUTC()),
                Duration.ofSeconds(10))) {
            // Slurm 22.05's slurmctld drops the connection of a bad token; slurmrestd reports it as a 500.
            assertThatThrownBy(() -> forged.submit(job(key, "true", 1))).isInstanceOf(SlurmException.class);
        }
        assertThat(slurm.findByComment(key)).isEmpty();
    }
}
