package io.cyberplaza.provisioner.slurm;

import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.ResourceStatus;
import io.cyberplaza.provisioner.TaskPlan;
import io.cyberplaza.provisioner.WorkloadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * HPC centres through slurmrestd. An order is one batch job, a job array (a sweep: one task per
 * value), or one job per workflow step chained by {@code afterok}. Each job's comment carries the
 * order's key, so a second delivery finds the jobs instead of submitting more. The bill is Slurm's
 * own record: each task's elapsed seconds times its allocated cores (or GPUs), from accounting once
 * a task has ended; a task a fault of the cluster ended (a node failure) is not billed and fails
 * the order's SLA. The purchased time is every task's time limit.
 *
 * <p>Resource ids are {@code slurm/<key>/<job id>[,<job id>...]}.
 */
public final class SlurmProvisioner implements Provisioner {
    public static final String KIND = "slurm";
    static final String COMMENT_PREFIX = "cyberplaza:";
    private static final Logger log = LoggerFactory.getLogger(SlurmProvisioner.class);

    private final SlurmRestClient slurm;
    private final SlurmSite site;
    private final BatchScripts scripts;
    private final Clock clock;

    public SlurmProvisioner(SlurmRestClient slurm, SlurmSite site, List<SlurmApplication> applications, Clock clock) {
        this.slurm = slurm;
        this.site = site;
        this.scripts = new BatchScripts(applications);
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean leaksCost() {
        // A job ends at its time limit by itself; nothing of it bills on afterwards.
        return false;
    }

    @Override
    public boolean runsTaskPlans() {
        return true;
    }

    public List<SlurmApplication> applications() {
        return scripts.applications();
    }

    @Override
    public Resource launch(LaunchRequest request, String key) {
        if (!key.matches("[A-Za-z0-9-]{1,64}")) throw new ProvisionException(ProvisionException.Reason.INVALID, "a key is 1 to 64 of A-Z, a-z, 0-9 and -");
        TaskPlan plan = request.plan();
        long minutes = Math.max(1, Duration.ofSeconds(request.maxRuntime().toSeconds()).toMinutes());
        String output = site.outputRoot().resolve(key).toString();
        List<Long> jobIds = new ArrayList<>();
        try {
            if (plan.steps().isEmpty()) {
                String label = plan.sweep() == null ? "job" : "task-$SLURM_ARRAY_TASK_ID";
                String script = scripts.script(request.template(), request.parameters(), plan.sweep(), output, label);
                String array = plan.sweep() == null ? null : "0-" + (plan.sweep().values().size() - 1);
                String stdout = site.outputRoot().resolve(key + (array == null ? "-%j.out" : "-%A_%a.out")).toString();
                jobIds.add(submitOnce(job(request.orderId(), COMMENT_PREFIX + key, request, minutes, stdout, script, array, null)));
            } else {
                Map<String, Long> byStep = new LinkedHashMap<>();
                for (TaskPlan.Step step : plan.steps()) {
                    String script = scripts.script(step.template(), step.parameters(), null, output, step.name());
                    String dependency = step.after().isEmpty() ? null
                            : "afterok:" + step.after().stream().map(byStep::get).map(String::valueOf).collect(Collectors.joining(":"));
                    String stdout = site.outputRoot().resolve(key + "-" + step.name() + "-%j.out").toString();
                    long id = submitOnce(job(request.orderId() + ":" + step.name(), COMMENT_PREFIX + key + ":" + step.name(), request, minutes, stdout,
                            script, null, dependency));
                    byStep.put(step.name(), id);
                    jobIds.add(id);
                }
            }
        } catch (SlurmException e) {
            throw translate("submit the jobs of " + request.orderId(), e);
        }
        String resourceId = "slurm/" + key + "/" + jobIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        log.info("order {} is Slurm job(s) {}", request.orderId(), jobIds);
        return describe(resourceId).orElseGet(() -> new Resource(resourceId, request.orderId(), ResourceStatus.PENDING, null, null, 0, 0, 0,
                null, "submitted", 0L));
    }

    private SlurmJobRequest job(String name, String comment, LaunchRequest request, long minutes, String stdout, String script,
                                String array, String dependency) {
        int cores = site.billedByGpu() ? 1 : request.units();
        int gpus = site.billedByGpu() ? request.units() : 0;
        return new SlurmJobRequest(name, comment, site.partition(), cores, gpus, Math.multiplyExact(site.memoryMbPerUnit(), request.units()),
                minutes, site.outputRoot().toString(), stdout, script, Map.of("PATH", "/usr/local/bin:/usr/bin:/bin",
                "CYBERPLAZA_ORDER", request.orderId()), array, dependency);
    }

    /**
     * The job an earlier delivery submitted under this comment (or, once the controller forgot it,
     * under this name in accounting), else a new one.
     */
    private long submitOnce(SlurmJobRequest request) {
        Optional<SlurmJob> earlier = slurm.findByComment(request.comment());
        if (earlier.isPresent()) return earlier.get().arrayJobId() > 0 ? earlier.get().arrayJobId() : earlier.get().jobId();
        List<Long> accounted = slurm.idsNamed(request.name());
        // An array's tasks are accounted each under their own id; the smallest is the array's.
        if (!accounted.isEmpty()) return accounted.getFirst();
        return slurm.submit(request);
    }

    @Override
    public Optional<Resource> describe(String resourceId) {
        Parsed id = parse(resourceId);
        List<SlurmJob> tasks = new ArrayList<>();
        Map<Long, SlurmUsage> accounting = new LinkedHashMap<>();
        try {
            for (long jobId : id.jobIds()) {
                tasks.addAll(slurm.jobs(jobId));
                slurm.usages(jobId).forEach(u -> accounting.put(u.jobId(), u));
            }
            // A step waiting on one that failed never starts: cancelled so the order can end (and its share is never billed).
            for (SlurmJob doomed : tasks.stream().filter(SlurmJob::waitsInVain).toList()) {
                log.info("cancelling Slurm job {}: a step it waits for did not end well", doomed.jobId());
                slurm.cancel(doomed.jobId());
            }
        } catch (SlurmException e) {
            throw translate("read " + resourceId, e);
        }
        if (tasks.isEmpty() && accounting.isEmpty()) return Optional.empty();
        return Optional.of(resource(resourceId, tasks, accounting));
    }

    private Resource resource(String resourceId, List<SlurmJob> tasks, Map<Long, SlurmUsage> accounting) {
        Instant now = clock.instant();
        boolean anyActive = tasks.stream().anyMatch(t -> !t.isFinished());
        long unitSeconds = 0, cpuMillis = 0;
        int faulted = 0, done = 0, running = 0, pending = 0;
        java.util.Set<String> waitingFor = new java.util.TreeSet<>();
        Integer exitCode = null;
        Instant first = null, last = null;
        for (SlurmJob task : tasks.stream().sorted(Comparator.comparingLong(SlurmJob::jobId)).toList()) {
            SlurmUsage usage = accounting.get(task.jobId());
            if (usage != null) cpuMillis += usage.cpuSeconds() * 1_000;
            if (!task.hasStarted()) {
                if (!task.isFinished()) {
                    pending++;
                    if (task.reason() != null && !task.reason().isBlank()) waitingFor.add(task.reason());
                }
                continue;
            }
            first = first == null || task.startedAt().isBefore(first) ? task.startedAt() : first;
            if (task.endedAt() != null && (last == null || task.endedAt().isAfter(last))) last = task.endedAt();
            if (!task.isFinished()) {
                running++;
            } else if (task.endedByTheCluster()) {
                faulted++;
                continue;
            } else {
                done++;
                if (task.exitCode() != null && (exitCode == null || exitCode == 0)) exitCode = task.exitCode();
            }
            unitSeconds += unitSeconds(task, usage, now);
        }
        ResourceStatus status = anyActive ? (running > 0 || first != null ? ResourceStatus.RUNNING : ResourceStatus.PENDING)
                : faulted > 0 ? ResourceStatus.FAILED
                : tasks.stream().filter(SlurmJob::hasStarted).allMatch(SlurmJob::wasStopped) ? ResourceStatus.STOPPED
                : ResourceStatus.SUCCEEDED;
        Instant ended = anyActive ? null : last;
        long used = first == null ? 0 : Math.max(0, Duration.between(first, ended != null ? ended : now).toSeconds());
        // Jobs are named after their order (a workflow's steps "<order>:<step>").
        String orderId = tasks.isEmpty() || tasks.getFirst().name() == null ? null : tasks.getFirst().name().split(":")[0];
        String detail = "%d task(s): %d running, %d pending%s, %d ended, %d ended by a fault of the cluster".formatted(
                tasks.size(), running, pending, waitingFor.isEmpty() ? "" : " " + waitingFor, done, faulted);
        return new Resource(resourceId, orderId, status, first, ended, used, 0, cpuMillis, anyActive ? null : exitCode, detail, unitSeconds);
    }

    /**
     * A task's units times its seconds: accounting's elapsed time once it ended, else the controller's
     * clock; never more cores than the task asked for (a node with hardware threads allocates them in pairs).
     */
    private long unitSeconds(SlurmJob task, SlurmUsage usage, Instant now) {
        boolean accounted = usage != null && usage.isFinal();
        long seconds = accounted ? usage.elapsedSeconds()
                : Math.max(0, Duration.between(task.startedAt(), task.endedAt() != null ? task.endedAt() : now).toSeconds());
        long units = site.billedByGpu() ? (usage == null ? 0 : usage.gpus())
                : accounted && task.cpusPerTask() > 0 ? Math.min(usage.cpus(), task.cpusPerTask()) : task.billableCpus();
        return Math.multiplyExact(seconds, units);
    }

    @Override
    public void stop(String resourceId) {
        terminate(resourceId);
    }

    @Override
    public void terminate(String resourceId) {
        for (long jobId : parse(resourceId).jobIds()) {
            try {
                slurm.cancel(jobId);
            } catch (SlurmException e) {
                if (e.getMessage() != null && (e.getMessage().contains("Invalid job id") || e.getMessage().contains("already completing")
                        || e.getMessage().contains("Job/step already"))) {
                    continue;
                }
                throw translate("cancel job " + jobId, e);
            }
        }
    }

    @Override
    public List<Resource> listOwned() {
        List<SlurmJob> owned;
        try {
            owned = slurm.withCommentStartingWith(COMMENT_PREFIX);
        } catch (SlurmException e) {
            throw translate("list the platform's jobs", e);
        }
        Map<String, List<SlurmJob>> byKey = owned.stream().collect(Collectors.groupingBy(
                j -> j.comment().substring(COMMENT_PREFIX.length()).split(":")[0], LinkedHashMap::new, Collectors.toList()));
        List<Resource> resources = new ArrayList<>();
        byKey.forEach((key, jobs) -> {
            String ids = jobs.stream().map(j -> j.arrayJobId() > 0 ? j.arrayJobId() : j.jobId()).distinct().sorted()
                    .map(String::valueOf).collect(Collectors.joining(","));
            resources.add(resource("slurm/" + key + "/" + ids, jobs, Map.of()));
        });
        return resources;
    }

    /**
     * The job's stdout and stderr and the files it wrote to its output directory, zipped, at most
     * the site's limit. Links are never followed: a job cannot make the platform read a file of
     * someone else's through one.
     */
    @Override
    public Optional<WorkloadResult> result(String resourceId) {
        Parsed id = parse(resourceId);
        Path root = site.outputRoot();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(root, id.key() + "-*.{out,err}")) {
            logs.forEach(files::add);
        } catch (IOException e) {
            throw new ProvisionException(ProvisionException.Reason.TRANSIENT, "cannot read the outputs of " + resourceId, e);
        }
        Path own = root.resolve(id.key());
        if (Files.isDirectory(own, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(own)) {
                walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
            } catch (IOException e) {
                throw new ProvisionException(ProvisionException.Reason.TRANSIENT, "cannot read the outputs of " + resourceId, e);
            }
        }
        if (files.isEmpty()) return Optional.empty();
        files.sort(Comparator.naturalOrder());
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        long budget = site.resultLimitBytes();
        List<String> left = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            for (Path file : files) {
                long size = Files.size(file);
                if (size > budget) {
                    left.add(root.relativize(file) + " (" + size + " bytes)");
                    continue;
                }
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    // Read no more than the budget even if the file grew since its size was taken.
                    byte[] content = in.readNBytes((int) Math.min(budget, Integer.MAX_VALUE));
                    zip.putNextEntry(new ZipEntry(root.relativize(file).toString()));
                    zip.write(content);
                    zip.closeEntry();
                    budget -= content.length;
                }
            }
            if (!left.isEmpty()) {
                zip.putNextEntry(new ZipEntry(id.key() + "-LEFT-OUT.txt"));
                zip.write(("Left out, over the " + site.resultLimitBytes() + "-byte limit of a result:\n" + String.join("\n", left) + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new ProvisionException(ProvisionException.Reason.TRANSIENT, "cannot pack the outputs of " + resourceId, e);
        }
        return Optional.of(new WorkloadResult(id.key() + ".zip", "application/zip", zipped.toByteArray()));
    }

    private record Parsed(String key, List<Long> jobIds) {
    }

    private static Parsed parse(String resourceId) {
        String[] parts = Objects.requireNonNull(resourceId, "resourceId").split("/");
        if (parts.length != 3 || !parts[0].equals("slurm") || !parts[1].matches("[A-Za-z0-9-]{1,64}") || !parts[2].matches("[0-9]+(,[0-9]+)*")) {
            throw new ProvisionException(ProvisionException.Reason.INVALID, "not a Slurm resource: " + resourceId);
        }
        return new Parsed(parts[1], Arrays.stream(parts[2].split(",")).map(Long::parseLong).toList());
    }

    /** No answer or the controller's own trouble may pass; a job the cluster refuses is refused for good. */
    private static ProvisionException translate(String what, SlurmException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        boolean passing = e.status() == 0 || e.status() == 502 || e.status() == 503 || e.status() == 504
                || message.contains("Zero Bytes") || message.contains("Unable to contact") || message.contains("Socket timed out")
                || message.contains("without JSON");
        if (e.status() == 429) return new ProvisionException(ProvisionException.Reason.THROTTLED, "could not " + what + ": " + message, e);
        return new ProvisionException(passing ? ProvisionException.Reason.TRANSIENT : ProvisionException.Reason.INVALID,
                "could not " + what + ": " + message, e);
    }
}
