package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local HPC centre: a single-node Slurm cluster from Debian's packages
 * ({@code testing/slurm/cluster.sh}), started under the stack's state directory and stopped with it.
 * Where it cannot start (no packages, not root), the stack runs without HPC offers and says why.
 */
public final class LocalSlurm implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalSlurm.class);

    /** What the cluster's cluster.json says, and the key slurmrestd's tokens are signed with (base64). */
    public record Cluster(String rest, String user, String partition, int cpus, long memoryMb, Path jobs, String jwtKeyBase64) {
    }

    private final Path script;
    private final Path dir;
    private final Path record;
    private final Cluster cluster;

    private LocalSlurm(Path script, Path dir, Path record, Cluster cluster) {
        this.script = script;
        this.dir = dir;
        this.record = record;
        this.cluster = cluster;
    }

    public Cluster cluster() {
        return cluster;
    }

    Path dir() {
        return dir;
    }

    static Optional<LocalSlurm> start(Path repoRoot, Path stateDir) {
        Path script = repoRoot.resolve("testing/slurm/cluster.sh");
        Path record = stateDir.resolve("slurm.dir");
        try {
            // A cluster a killed stack left behind is stopped first: its daemons would hold its ports and files.
            if (Files.exists(record)) run(script, "stop", Path.of(Files.readString(record).strip()), stateDir.resolve("slurm-stop.log"));
            // Under the system's temporary directory, not the state directory: slurmrestd (as nobody) and the
            // jobs' user must be able to reach the cluster's files, and a state directory may be private.
            Path dir = Files.createTempDirectory("cyberplaza-slurm");
            Files.writeString(record, dir + "\n");
            Path startLog = stateDir.resolve("slurm-start.log");
            if (!run(script, "start", dir, startLog)) {
                log.warn("HPC offers are off: the local Slurm cluster did not start ({}). The rest of the marketplace runs.",
                        lastLine(startLog));
                return Optional.empty();
            }
            JsonNode info = new ObjectMapper().readTree(dir.resolve("cluster.json").toFile());
            Cluster cluster = new Cluster(info.path("rest").asText(), info.path("user").asText(), info.path("partition").asText(),
                    info.path("cpus").asInt(), info.path("memoryMb").asLong(), Path.of(info.path("jobs").asText()),
                    Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(info.path("jwtKey").asText()))));
            log.info("local HPC centre: Slurm at {} ({} cores, partition {})", cluster.rest(), cluster.cpus(), cluster.partition());
            return Optional.of(new LocalSlurm(script, dir, record, cluster));
        } catch (IOException e) {
            log.warn("HPC offers are off: the local Slurm cluster did not start ({}). The rest of the marketplace runs.", e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** slurmd dies as a failing machine's would; {@link #reviveNode} brings it back. */
    public void killNode() throws IOException, InterruptedException {
        run(script, "kill-node", dir, dir.resolve("log/kill-node.log"));
    }

    public void reviveNode() throws IOException, InterruptedException {
        if (!run(script, "revive-node", dir, dir.resolve("log/revive-node.log"))) throw new IOException("slurmd did not come back");
    }

    @Override
    public void close() throws Exception {
        if (run(script, "stop", dir, record.resolveSibling("slurm-stop.log"))) {
            Files.deleteIfExists(record);
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }

    private static boolean run(Path script, String command, Path dir, Path logFile) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("bash", script.toString(), command, dir.toString()))
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }

    private static String lastLine(Path logFile) throws IOException {
        List<String> lines = Files.exists(logFile) ? Files.readAllLines(logFile) : List.of();
        return lines.isEmpty() ? "no output" : lines.getLast();
    }
}
