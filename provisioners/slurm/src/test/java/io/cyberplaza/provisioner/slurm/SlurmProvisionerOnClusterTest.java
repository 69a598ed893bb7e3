package io.cyberplaza.provisioner.slurm;

import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.ResourceStatus;
import io.cyberplaza.provisioner.TaskPlan;
import io.cyberplaza.provisioner.WorkloadResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Slurm provider on a real single-node Slurm 22.05 cluster: jobs, sweeps, workflows, a node failure, results. */
@ExtendWith(SlurmClusterExtension.class)
class SlurmProvisionerOnClusterTest {
    private final SlurmClusterExtension.SlurmCluster cluster;
    private final SlurmRestClient slurm;
    private final SlurmProvisioner provisioner;

    SlurmProvisionerOnClusterTest(SlurmClusterExtension.SlurmCluster cluster) {
        this.cluster = cluster;
        this.slurm = new SlurmRestClient(cluster.rest(), new SlurmTokens(cluster.jwtKey(), cluster.user(), Clock.systemUTC()),
                Duration.ofSeconds(10));
        SlurmSite site = new SlurmSite(cluster.rest(), "v0.0.38", cluster.user(), cluster.partition(), 128, false, cluster.jobs(), 64 * 1024);
        this.provisioner = new SlurmProvisioner(slurm, site, SlurmApplication.standard(), cluster.jwtKey(), Clock.systemUTC());
    }

    @AfterEach
    void closeClient() {
        slurm.close();
    }

    private static LaunchRequest request(String template, Map<String, String> parameters, TaskPlan plan, Duration limit) {
        String orderId = "0x" + UUID.randomUUID().toString().replace("-", "") + "0".repeat(32);
        return new LaunchRequest(orderId, "hpc-compute", template, parameters, 1, limit, Map.of("cyberplaza:order", orderId), null, null,
                plan);
    }

    private static String key() {
        return "order-" + UUID.randomUUID().toString().replace("-", "");
    }

    private Resource awaitResource(String resourceId, Predicate<Resource> done, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        Resource last = null;
        while (Instant.now().isBefore(deadline)) {
            last = provisioner.describe(resourceId).orElse(null);
            if (last != null && done.test(last)) return last;
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting on " + resourceId + "; last seen " + last);
    }

    /** Ended, and every task's accounting final: what the order is billed from. */
    private Resource awaitAccounted(String resourceId, long tasks) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            Resource resource = provisioner.describe(resourceId).orElse(null);
            long jobId = Long.parseLong(resourceId.substring(resourceId.lastIndexOf('/') + 1).split(",")[0]);
            if (resource != null && !resource.status().isActive()
                    && slurm.usages(jobId).stream().filter(SlurmUsage::isFinal).count() >= tasks) {
                return resource;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the accounting of " + resourceId + " never completed");
    }

    private static Map<String, String> unzip(WorkloadResult result) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(result.content()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Test
    void anApplicationRunsOnceEvenWhenLaunchedTwiceIsBilledFromAccountingAndItsOutputIsTheResult() throws Exception {
        LaunchRequest request = request("pi-monte-carlo", Map.of("samples", "200000", "seed", "7"), TaskPlan.SINGLE, Duration.ofMinutes(2));
        String key = key();
        Resource launched = provisioner.launch(request, key);
        Resource again = provisioner.launch(request, key);
        assertThat(again.resourceId()).as("a second delivery finds the job").isEqualTo(launched.resourceId());
        assertThat(slurm.withCommentStartingWith(SlurmProvisioner.COMMENT_PREFIX + key)).hasSize(1);

        Resource ended = awaitAccounted(launched.resourceId(), 1);
        long jobId = Long.parseLong(launched.resourceId().substring(launched.resourceId().lastIndexOf('/') + 1));
        SlurmUsage accounted = slurm.usage(jobId).orElseThrow();
        assertThat(ended.status()).isEqualTo(ResourceStatus.SUCCEEDED);
        assertThat(ended.exitCode()).isZero();
        assertThat(ended.orderId()).isEqualTo(request.orderId());
        assertThat(ended.unitSeconds()).as("Slurm's core-seconds").isEqualTo(accounted.coreSeconds());
        assertThat(slurm.job(jobId).orElseThrow().timeLimitMinutes()).as("the purchased time is the job's limit").isEqualTo(2);

        Map<String, String> files = unzip(provisioner.result(launched.resourceId()).orElseThrow());
        assertThat(files.get(key + "/job/pi.txt")).startsWith("samples=200000 seed=7 inside=").contains("pi=3.1");
        assertThat(files.get(key + "-" + jobId + ".out")).contains("pi=3.1");
    }

    @Test
    void aSweepRunsOneArrayTaskPerValueEachMeteredAndTheOrdersTimeIsEachTasksLimit() throws Exception {
        TaskPlan sweep = TaskPlan.sweep(TaskPlan.Sweep.range("seed", 1, 12, 1));
        LaunchRequest request = request("pi-monte-carlo", Map.of("samples", "1000"), sweep, Duration.ofMinutes(1));
        String key = key();
        Resource launched = provisioner.launch(request, key);
        assertThat(provisioner.launch(request, key).resourceId()).isEqualTo(launched.resourceId());

        Resource ended = awaitAccounted(launched.resourceId(), 12);
        long arrayId = Long.parseLong(launched.resourceId().substring(launched.resourceId().lastIndexOf('/') + 1));
        List<SlurmUsage> tasks = slurm.usages(arrayId);
        assertThat(tasks).hasSize(12).allMatch(u -> u.state().equals("COMPLETED"));
        assertThat(ended.status()).isEqualTo(ResourceStatus.SUCCEEDED);
        assertThat(ended.unitSeconds()).isEqualTo(tasks.stream().mapToLong(SlurmUsage::coreSeconds).sum());
        assertThat(ended.detail()).contains("12 task(s)");

        Map<String, String> files = unzip(provisioner.result(launched.resourceId()).orElseThrow());
        for (int task = 0; task < 12; task++) {
            assertThat(files.get(key + "/task-" + task + "/pi.txt")).as("task %d ran its own value", task).contains("seed=" + (task + 1) + " ");
        }
    }

    @Test
    void aWorkflowWhoseSecondStepFailsNeverRunsTheThirdAndBillsOnlyWhatRan() throws Exception {
        TaskPlan workflow = TaskPlan.workflow(List.of(
                new TaskPlan.Step("prepare", "pi-monte-carlo", Map.of("samples", "1000"), List.of()),
                new TaskPlan.Step("solve", SlurmApplication.OWN_SCRIPT, Map.of("script", "echo solving; sleep 1; exit 3\n"), List.of("prepare")),
                new TaskPlan.Step("report", SlurmApplication.OWN_SCRIPT, Map.of("script", "echo never; touch reported\n"), List.of("solve"))));
        String key = key();
        Resource launched = provisioner.launch(request("", Map.of(), workflow, Duration.ofMinutes(1)), key);
        List<Long> ids = java.util.Arrays.stream(launched.resourceId().substring(launched.resourceId().lastIndexOf('/') + 1).split(","))
                .map(Long::parseLong).toList();
        assertThat(ids).hasSize(3);
        assertThat(provisioner.launch(request("", Map.of(), workflow, Duration.ofMinutes(1)), key).resourceId())
                .isEqualTo(launched.resourceId());

        Resource ended = awaitResource(launched.resourceId(), r -> !r.status().isActive(), Duration.ofMinutes(2));
        SlurmJob report = slurm.job(ids.get(2)).orElseThrow();
        assertThat(report.hasStarted()).as("the step after a failed one never runs").isFalse();
        assertThat(report.isFinished()).isTrue();
        assertThat(slurm.job(ids.get(1)).orElseThrow().exitCode()).isEqualTo(3);
        assertThat(ended.status()).as("the workflow ended by itself").isEqualTo(ResourceStatus.SUCCEEDED);
        assertThat(ended.exitCode()).isEqualTo(3);

        awaitAccounted(launched.resourceId(), 1);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (slurm.usage(ids.get(1)).filter(SlurmUsage::isFinal).isEmpty() && Instant.now().isBefore(deadline)) Thread.sleep(500);
        Resource billed = provisioner.describe(launched.resourceId()).orElseThrow();
        long ran = slurm.usage(ids.get(0)).orElseThrow().coreSeconds() + slurm.usage(ids.get(1)).orElseThrow().coreSeconds();
        assertThat(billed.unitSeconds()).as("the steps that ran, not the one that never did").isEqualTo(ran);
        assertThat(unzip(provisioner.result(launched.resourceId()).orElseThrow())).doesNotContainKey(key + "/report/reported");
    }

    @Test
    void aNodeFailureInTheMiddleOfAJobFailsItsSlaAndBillsNothing() throws Exception {
        Resource launched = provisioner.launch(request("sleep", Map.of("seconds", "300"), TaskPlan.SINGLE, Duration.ofMinutes(10)), key());
        awaitResource(launched.resourceId(), r -> r.status() == ResourceStatus.RUNNING, Duration.ofMinutes(1));
        try {
            cluster.killNode();
            Resource failed = awaitResource(launched.resourceId(), r -> !r.status().isActive(), Duration.ofMinutes(2));
            assertThat(failed.status()).isEqualTo(ResourceStatus.FAILED);
            assertThat(failed.unitSeconds()).as("a task a fault of the cluster ended is not billed").isZero();
            assertThat(failed.detail()).contains("1 ended by a fault of the cluster");
        } finally {
            cluster.reviveNode();
        }
    }

    @Test
    void aStoppedJobEndsStoppedAndStoppingAgainIsNoError() throws Exception {
        Resource launched = provisioner.launch(request("sleep", Map.of("seconds", "120"), TaskPlan.SINGLE, Duration.ofMinutes(5)), key());
        Resource running = awaitResource(launched.resourceId(), r -> r.status() == ResourceStatus.RUNNING && r.usedSeconds() >= 2,
                Duration.ofMinutes(1));
        assertThat(running.unitSeconds()).as("what ran so far, not the five minutes its limit allows").isBetween(1L, 60L);
        assertThat(running.endedAt()).isNull();
        provisioner.terminate(launched.resourceId());
        Resource stopped = awaitResource(launched.resourceId(), r -> !r.status().isActive(), Duration.ofMinutes(1));
        assertThat(stopped.status()).isEqualTo(ResourceStatus.STOPPED);
        assertThat(stopped.unitSeconds()).isPositive();
        provisioner.terminate(launched.resourceId());
        assertThat(provisioner.listOwned()).extracting(Resource::resourceId).contains(launched.resourceId());
    }

    @Test
    void aBuyersScriptRunsAsTheClustersUserAndItsLinksAreNeverFollowedIntoTheResult() throws Exception {
        String script = """
                id -un > whoami.txt
                ln -s /etc/shadow shadow
                ln -s / everything
                echo done
                """;
        String key = key();
        Resource launched = provisioner.launch(request(SlurmApplication.OWN_SCRIPT, Map.of("script", script), TaskPlan.SINGLE,
                Duration.ofMinutes(1)), key);
        awaitResource(launched.resourceId(), r -> !r.status().isActive(), Duration.ofMinutes(1));
        Map<String, String> files = unzip(provisioner.result(launched.resourceId()).orElseThrow());
        assertThat(files.get(key + "/job/whoami.txt")).isEqualTo(cluster.user() + "\n");
        assertThat(files.keySet()).noneMatch(name -> name.contains("shadow") || name.contains("everything"));
    }

    @Test
    void aJobPlantedUnderAnOrdersPredictableKeyIsNeverTakenForTheOrders() throws Exception {
        LaunchRequest request = request("sleep", Map.of("seconds", "1"), TaskPlan.SINGLE, Duration.ofMinutes(1));
        String key = key();
        // Anyone on the cluster can read an order's id on chain and submit a job under its key and id before the platform does.
        long planted = slurm.submit(new SlurmJobRequest(request.orderId(), SlurmProvisioner.COMMENT_PREFIX + key, cluster.partition(), 1, 128,
                1, cluster.jobs().toString(), "#!/bin/bash\nsleep 30\n", Map.of("PATH", "/usr/bin:/bin"), null, null));
        Resource launched = provisioner.launch(request, key);
        assertThat(launched.resourceId()).as("the order's own job, not the planted one").doesNotEndWith("/" + planted);
        assertThat(provisioner.launch(request, key).resourceId()).isEqualTo(launched.resourceId());
        slurm.cancel(planted);
    }

    @Test
    void aWorkflowWithABadLastStepSubmitsNothing() {
        TaskPlan workflow = TaskPlan.workflow(List.of(
                new TaskPlan.Step("first", "sleep", Map.of("seconds", "60"), List.of()),
                new TaskPlan.Step("last", "sleep", Map.of("seconds", "not a number"), List.of("first"))));
        String key = key();
        assertThatThrownBy(() -> provisioner.launch(request("", Map.of(), workflow, Duration.ofMinutes(2)), key))
                .isInstanceOf(ProvisionException.class);
        assertThat(slurm.withCommentStartingWith(SlurmProvisioner.COMMENT_PREFIX + key)).isEmpty();
    }

    @Test
    void badParametersAreRefusedBeforeAnythingIsSubmitted() {
        String key = key();
        assertThatThrownBy(() -> provisioner.launch(request("pi-monte-carlo", Map.of("samples", "1; rm -rf /"), TaskPlan.SINGLE,
                Duration.ofMinutes(1)), key)).isInstanceOf(ProvisionException.class)
                .extracting(e -> ((ProvisionException) e).reason()).isEqualTo(ProvisionException.Reason.INVALID);
        assertThatThrownBy(() -> provisioner.launch(request("pi-monte-carlo", Map.of(), TaskPlan.sweep(new TaskPlan.Sweep("samples",
                List.of("10", "x"))), Duration.ofMinutes(1)), key)).isInstanceOf(ProvisionException.class);
        assertThatThrownBy(() -> provisioner.launch(request("no-such-application", Map.of(), TaskPlan.SINGLE, Duration.ofMinutes(1)), key))
                .isInstanceOf(ProvisionException.class);
        assertThat(slurm.withCommentStartingWith(SlurmProvisioner.COMMENT_PREFIX + key)).isEmpty();
    }
}
