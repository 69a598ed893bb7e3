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
import java.nio.file.SecureDirectoryStream;
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
    private static final java.util.Set<String> CLUSTER_FAULTS = java.util.Set.of("NODE_FAIL", "BOOT_FAIL", "PREEMPTED");
    private static final Logger log = LoggerFactory.getLogger(SlurmProvisioner.class);

    private final SlurmRestClient slurm;
    private final SlurmSite site;
    private final BatchScripts scripts;
    private final Clock clock;
    private final javax.crypto.SecretKey markKey;

    /**
     * @param markKey a secret of the platform's: the mark it puts on each job's comment and name, so a job someone
     *                else submits under an order's predictable key is never taken for the order's own
     */
    public SlurmProvisioner(SlurmRestClient slurm, SlurmSite site, List<SlurmApplication> applications, byte[] markKey, Clock clock) {
        this.markKey = new javax.crypto.spec.SecretKeySpec(markKey, "HmacSHA256");
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

    /** slurmctld has no idempotent submit: an earlier job is found by its comment, which two racing deliveries both miss. */
    @Override
    public boolean deduplicatesLaunches() {
        return false;
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
                String mark = mark(key);
                jobIds.add(submitOnce(job(request.orderId() + ":" + mark, COMMENT_PREFIX + key + ":" + mark, request, minutes, stdout, script,
                        array, null)));
            } else {
                // Every step's script is checked before any is submitted: a bad last step must not leave the first ones running
                // for an order that is then refunded.
                Map<String, String> scriptsByStep = new LinkedHashMap<>();
                for (TaskPlan.Step step : plan.steps()) {
                    scriptsByStep.put(step.name(), scripts.script(step.template(), step.parameters(), null, output, step.name()));
                }
                Map<String, Long> byStep = new LinkedHashMap<>();
                try {
                    for (TaskPlan.Step step : plan.steps()) {
                        String dependency = step.after().isEmpty() ? null
                                : "afterok:" + step.after().stream().map(byStep::get).map(String::valueOf).collect(Collectors.joining(":"));
                        String stdout = site.outputRoot().resolve(key + "-" + step.name() + "-%j.out").toString();
                        long id = submitOnce(job(request.orderId() + ":" + mark(key) + ":" + step.name(),
                                COMMENT_PREFIX + key + ":" + mark(key) + ":" + step.name(), request,
                                minutes, stdout, scriptsByStep.get(step.name()), null, dependency));
                        byStep.put(step.name(), id);
                        jobIds.add(id);
                    }
                } catch (SlurmException refused) {
                    if (!translate("", refused).retryable()) {
                        // Refused for good half-way: the order is refunded, so the steps already in never run.
                        jobIds.forEach(id -> {
                            try {
                                slurm.cancel(id);
                            } catch (SlurmException ignored) {
                                log.warn("could not cancel Slurm job {} of a refused workflow: {}", id, ignored.getMessage());
                            }
                        });
                    }
                    throw refused;
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

    /** The order's mark: who can submit jobs on the cluster can read an order's key on chain, but cannot make this. */
    private String mark(String key) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(markKey);
            byte[] tag = mac.doFinal(("cyberplaza-slurm-job:" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(tag, 0, 12);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
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
        // Tasks the controller has forgotten (after MinJobAge) are still in accounting: billed from there, never dropped.
        java.util.Set<Long> known = tasks.stream().map(SlurmJob::jobId).collect(Collectors.toSet());
        for (SlurmUsage forgotten : accounting.values()) {
            if (known.contains(forgotten.jobId()) || !forgotten.isFinal() || forgotten.elapsedSeconds() == 0 && forgotten.cpus() == 0) continue;
            if (CLUSTER_FAULTS.contains(forgotten.state())) {
                faulted++;
                continue;
            }
            done++;
            unitSeconds += site.billedByGpu() ? forgotten.gpuSeconds() : forgotten.coreSeconds();
        }
        ResourceStatus status = anyActive ? (running > 0 || first != null ? ResourceStatus.RUNNING : ResourceStatus.PENDING)
                : faulted > 0 ? ResourceStatus.FAILED
                : tasks.stream().anyMatch(SlurmJob::hasStarted) && tasks.stream().filter(SlurmJob::hasStarted).allMatch(SlurmJob::wasStopped)
                ? ResourceStatus.STOPPED
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
     * the site's limit, once every task has ended. Every directory and file is opened relative to
     * its parent's descriptor and never through a link, so no job (of any buyer: they share the
     * cluster account) can steer the platform into reading a file of anyone else's.
     */
    @Override
    public Optional<WorkloadResult> result(String resourceId) {
        Parsed id = parse(resourceId);
        Optional<Resource> now = describe(resourceId);
        if (now.isEmpty() || now.get().status().isActive()) return Optional.empty();
        Zipped zipped = new Zipped(site.resultLimitBytes());
        try (DirectoryStream<Path> root = Files.newDirectoryStream(site.outputRoot())) {
            if (!(root instanceof SecureDirectoryStream<Path> secure)) {
                throw new ProvisionException(ProvisionException.Reason.INVALID, "the output root's file system cannot be read safely");
            }
            for (Path entry : secure) {
                String name = entry.getFileName().toString();
                if (name.equals(id.key())) {
                    if (attributes(secure, entry.getFileName()).isDirectory()) {
                        try (SecureDirectoryStream<Path> own = secure.newDirectoryStream(entry.getFileName(), LinkOption.NOFOLLOW_LINKS)) {
                            zipped.directory(own, name, 0);
                        }
                    }
                } else if (name.startsWith(id.key() + "-") && (name.endsWith(".out") || name.endsWith(".err"))) {
                    zipped.file(secure, entry.getFileName(), name);
                }
            }
            return zipped.entries == 0 ? Optional.empty()
                    : Optional.of(new WorkloadResult(id.key() + ".zip", "application/zip", zipped.finish()));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ProvisionException(ProvisionException.Reason.INVALID, "cannot pack the outputs of " + resourceId + ": " + e.getMessage(), e);
        }
    }

    private static java.nio.file.attribute.BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        return dir.getFileAttributeView(name, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
    }

    /** A zip of regular files within a byte budget and a count; whatever does not fit is named in a note. */
    private static final class Zipped {
        private static final int MAX_ENTRIES = 10_000;
        private static final int MAX_DEPTH = 16;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ZipOutputStream zip = new ZipOutputStream(bytes);
        private final long limit;
        private long budget;
        private int entries;
        private final List<String> left = new ArrayList<>();

        Zipped(long limit) {
            this.limit = limit;
            this.budget = limit;
        }

        void directory(SecureDirectoryStream<Path> dir, String path, int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                leaveOut(path + "/ (deeper than " + MAX_DEPTH + ")");
                return;
            }
            for (Path entry : dir) {
                Path name = entry.getFileName();
                String inner = path + "/" + name;
                var attributes = attributes(dir, name);
                if (attributes.isDirectory()) {
                    try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                        directory(sub, inner, depth + 1);
                    }
                } else if (attributes.isRegularFile()) {
                    file(dir, name, inner);
                }
            }
        }

        void file(SecureDirectoryStream<Path> dir, Path name, String path) throws IOException {
            var attributes = attributes(dir, name);
            if (!attributes.isRegularFile()) return;
            // Names are the job's: kept printable and relative, so no extractor writes outside its folder.
            String entryName = path.replaceAll("[^A-Za-z0-9._/-]", "_").replace("..", "__");
            if (entries >= MAX_ENTRIES || attributes.size() + entryName.length() + 64 > budget) {
                leaveOut(path + " (" + attributes.size() + " bytes)");
                return;
            }
            try (var channel = dir.newByteChannel(name, java.util.Set.of(java.nio.file.StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
                 InputStream in = java.nio.channels.Channels.newInputStream(channel)) {
                // Read no more than the budget even if the file grew since its size was taken.
                byte[] content = in.readNBytes((int) Math.min(budget, Integer.MAX_VALUE));
                zip.putNextEntry(new ZipEntry(entryName));
                zip.write(content);
                zip.closeEntry();
                budget -= content.length + entryName.length() + 64;
                entries++;
            }
        }

        private void leaveOut(String what) {
            if (left.size() < 100) left.add(what);
        }

        byte[] finish() throws IOException {
            if (!left.isEmpty()) {
                zip.putNextEntry(new ZipEntry("LEFT-OUT.txt"));
                zip.write(("Left out, over the " + limit + "-byte or " + MAX_ENTRIES + "-file limit of a result:\n" + String.join("\n", left) + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            zip.close();
            return bytes.toByteArray();
        }
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
