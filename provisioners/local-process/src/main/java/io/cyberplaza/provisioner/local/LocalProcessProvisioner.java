package io.cyberplaza.provisioner.local;

import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.ResourceStatus;
import io.cyberplaza.provisioner.WorkloadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The "general SP" of the whitepaper: a machine that runs catalog workloads as child processes.
 *
 * <p>Each resource is a directory under {@code root} named after the launch's idempotency key, so
 * a second launch with the same key finds the first (also after a restart). The directory holds the
 * launch record, the process output, the result and the exit record. A watcher enforces the
 * wall-clock limit (the purchased time) and records the exit status, end time and CPU time.
 */
public final class LocalProcessProvisioner implements Provisioner {
    public static final String KIND = "local-process";
    private static final Logger log = LoggerFactory.getLogger(LocalProcessProvisioner.class);
    private static final String LAUNCH = "launch.properties";
    private static final String EXIT = "exit.properties";
    private static final String STOP_REQUESTED = "stop-requested";

    private final Path root;
    private final ApplicationCatalog catalog;
    private final Clock clock;
    private final Map<String, Process> processes = new ConcurrentHashMap<>();

    public LocalProcessProvisioner(Path root, ApplicationCatalog catalog, Clock clock) {
        this.root = root;
        this.catalog = catalog;
        this.clock = clock;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    public ApplicationCatalog catalog() {
        return catalog;
    }

    static String resourceIdFor(String idempotencyKey) {
        if (!idempotencyKey.matches("[A-Za-z0-9_-]{1,80}")) {
            throw new ProvisionException(ProvisionException.Reason.INVALID, "idempotency key must be a short token");
        }
        return "lp-" + idempotencyKey;
    }

    @Override
    public synchronized Resource launch(LaunchRequest request, String idempotencyKey) {
        String resourceId = resourceIdFor(idempotencyKey);
        Path dir = root.resolve(resourceId);
        if (Files.exists(dir.resolve(LAUNCH))) return describe(resourceId).orElseThrow();

        List<String> arguments = catalog.arguments(request.template(), request.parameters());
        Template template = catalog.find(request.template()).orElseThrow();
        Instant startedAt = clock.instant();
        try {
            Files.createDirectories(dir);
            List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:ActiveProcessorCount=" + Math.max(1, request.units()),
                    "-Dcyberplaza.workdir=" + dir.toAbsolutePath(), "-cp", ownClasspath(), template.mainClass().getName()));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("output.log").toFile()).start();
            Properties launch = new Properties();
            launch.setProperty("orderId", request.orderId());
            launch.setProperty("template", request.template());
            launch.setProperty("startedAt", startedAt.toString());
            launch.setProperty("maxRuntimeSeconds", Long.toString(request.maxRuntime().toSeconds()));
            launch.setProperty("pid", Long.toString(process.pid()));
            request.tags().forEach((k, v) -> launch.setProperty("tag." + k, v));
            writeAtomically(dir.resolve(LAUNCH), launch);
            processes.put(resourceId, process);
            Thread.ofVirtual().name("local-process-watch-" + resourceId).start(() -> watch(resourceId, process, request.maxRuntime()));
            log.info("launched {} ({}) for order {}", resourceId, request.template(), request.orderId());
        } catch (IOException e) {
            throw new ProvisionException(ProvisionException.Reason.TRANSIENT, "could not start " + request.template(), e);
        }
        return describe(resourceId).orElseThrow();
    }

    private void watch(String resourceId, Process process, Duration limit) {
        Path dir = root.resolve(resourceId);
        long cpuMillis = 0;
        try {
            long deadline = System.nanoTime() + limit.toNanos();
            // Sampled while alive: once the process is gone its CPU time can no longer be asked.
            while (!process.waitFor(Math.min(1_000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)) {
                cpuMillis = process.info().totalCpuDuration().map(Duration::toMillis).orElse(cpuMillis);
                if (System.nanoTime() >= deadline) {
                    log.info("{} reached its purchased time of {}; stopping it", resourceId, limit);
                    Files.writeString(dir.resolve(STOP_REQUESTED), "time-limit");
                    destroy(process);
                }
            }
            Properties exit = new Properties();
            exit.setProperty("exitCode", Integer.toString(process.exitValue()));
            exit.setProperty("endedAt", clock.instant().toString());
            exit.setProperty("cpuMillis", Long.toString(readLong(dir.resolve("cpu-millis")).orElse(cpuMillis)));
            writeAtomically(dir.resolve(EXIT), exit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.error("could not record the exit of {}", resourceId, e);
        } finally {
            processes.remove(resourceId);
        }
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public Optional<Resource> describe(String resourceId) {
        Path dir = root.resolve(resourceId);
        Optional<Properties> launch = read(dir.resolve(LAUNCH));
        if (launch.isEmpty()) return Optional.empty();
        Properties l = launch.get();
        Instant startedAt = Instant.parse(l.getProperty("startedAt"));
        Process own = processes.get(resourceId);
        if (own != null && !own.isAlive()) {
            // Ended a moment ago: this runner's watcher is writing its exit record, which says how it ended.
            awaitExitRecord(dir);
        }
        Optional<Properties> exit = read(dir.resolve(EXIT));
        if (exit.isEmpty() && own != null && !own.isAlive()) exit = Optional.of(endedAsItsProcessSays(dir, own));
        if (exit.isPresent()) return Optional.of(ended(resourceId, dir, l, startedAt, exit.get()));
        long pid = Long.parseLong(l.getProperty("pid"));
        Optional<ProcessHandle> handle = Optional.ofNullable(processes.get(resourceId)).map(Process::toHandle)
                .or(() -> ProcessHandle.of(pid));
        Instant now = clock.instant();
        if (handle.isPresent() && handle.get().isAlive()) {
            long cpu = handle.get().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
            return Optional.of(new Resource(resourceId, l.getProperty("orderId"), ResourceStatus.RUNNING, startedAt, null,
                    Duration.between(startedAt, now).toSeconds(), 0, cpu, null, l.getProperty("template")));
        }
        // This runner's own process that ended since it was looked at above is not a lost one either.
        if (own != null) {
            return Optional.of(ended(resourceId, dir, l, startedAt, read(dir.resolve(EXIT)).orElseGet(() -> endedAsItsProcessSays(dir, own))));
        }
        // The process is gone and nobody recorded its exit: this machine restarted under it.
        return Optional.of(new Resource(resourceId, l.getProperty("orderId"), ResourceStatus.FAILED, startedAt, now,
                Duration.between(startedAt, now).toSeconds(), 0, 0, null, "the process was lost"));
    }

    /**
     * The exit as this runner's own process says it, when the watcher has not written its record yet (a
     * busy machine): it must not pass for one that was lost, which would refund a workload that ran.
     */
    private Properties endedAsItsProcessSays(Path dir, Process own) {
        try {
            own.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Properties ended = new Properties();
        ended.setProperty("exitCode", Integer.toString(own.exitValue()));
        ended.setProperty("endedAt", clock.instant().toString());
        ended.setProperty("cpuMillis", Long.toString(readLong(dir.resolve("cpu-millis")).orElse(0L)));
        return ended;
    }

    private Resource ended(String resourceId, Path dir, Properties launch, Instant startedAt, Properties exit) {
        boolean stopRequested = Files.exists(dir.resolve(STOP_REQUESTED));
        int code = Integer.parseInt(exit.getProperty("exitCode"));
        Instant endedAt = Instant.parse(exit.getProperty("endedAt"));
        ResourceStatus status = stopRequested ? ResourceStatus.STOPPED : code == 0 ? ResourceStatus.SUCCEEDED : ResourceStatus.FAILED;
        return new Resource(resourceId, launch.getProperty("orderId"), status, startedAt, endedAt,
                Duration.between(startedAt, endedAt).toSeconds(), 0, Long.parseLong(exit.getProperty("cpuMillis")), code,
                launch.getProperty("template"));
    }

    @Override
    public void stop(String resourceId) {
        Path dir = root.resolve(resourceId);
        if (!Files.exists(dir.resolve(LAUNCH)) || Files.exists(dir.resolve(EXIT))) return;
        try {
            Files.writeString(dir.resolve(STOP_REQUESTED), "requested");
        } catch (IOException e) {
            throw new ProvisionException(ProvisionException.Reason.TRANSIENT, "could not mark " + resourceId + " stopped", e);
        }
        Process process = processes.get(resourceId);
        if (process != null) {
            destroy(process);
            awaitExitRecord(dir);
            return;
        }
        // Started before a restart of this runner: no watcher is left, so stop and record here.
        read(dir.resolve(LAUNCH)).map(l -> Long.parseLong(l.getProperty("pid"))).flatMap(ProcessHandle::of).ifPresent(handle -> {
            handle.descendants().forEach(ProcessHandle::destroy);
            handle.destroy();
        });
        Properties exit = new Properties();
        exit.setProperty("exitCode", "-1");
        exit.setProperty("endedAt", clock.instant().toString());
        exit.setProperty("cpuMillis", "0");
        try {
            writeAtomically(dir.resolve(EXIT), exit);
        } catch (IOException e) {
            throw new ProvisionException(ProvisionException.Reason.TRANSIENT, "could not record the stop of " + resourceId, e);
        }
    }

    /** The watcher writes the exit record right after the process ends; wait briefly so callers read it. */
    private static void awaitExitRecord(Path dir) {
        for (int i = 0; i < 100 && !Files.exists(dir.resolve(EXIT)); i++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void terminate(String resourceId) {
        // A process has nothing to release beyond stopping it; the directory keeps the owner's result.
        stop(resourceId);
    }

    /** A workload process ends with its time limit, and with this runner: nothing can run on unpaid. */
    @Override
    public boolean leaksCost() {
        return false;
    }

    @Override
    public List<Resource> listOwned() {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .map(this::describe).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<WorkloadResult> result(String resourceId) {
        Path file = root.resolve(resourceId).resolve("result.txt");
        if (!resourceId.matches("lp-[A-Za-z0-9_-]+") || !Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(new WorkloadResult("result.txt", "text/plain", Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Where this module's classes are: a jar in a deployment, a classes directory in a build. */
    private static String ownClasspath() {
        try {
            return Path.of(LocalProcessProvisioner.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Properties> read(Path file) {
        if (!Files.exists(file)) return Optional.empty();
        try (Reader reader = Files.newBufferedReader(file)) {
            Properties properties = new Properties();
            properties.load(reader);
            return Optional.of(properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Long> readLong(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void writeAtomically(Path file, Properties properties) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".partial");
        try (Writer writer = Files.newBufferedWriter(temporary)) {
            properties.store(writer, null);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
