package io.cyberplaza.provisioner.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Slurm cluster for a test class (testing/slurm/cluster.sh: Debian's packages,
 * everything on 127.0.0.1), started before its tests and stopped after them.
 */
public final class SlurmClusterExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final Path SCRIPT = Path.of(System.getProperty("cyberplaza.slurm.script", "../../testing/slurm/cluster.sh"))
            .toAbsolutePath().normalize();

    /** What cluster.json says: where slurmrestd listens and how to be let in. */
    public record SlurmCluster(URI rest, byte[] jwtKey, String user, String partition, int cpus, Path jobs, Path dir) {
        /** slurmd dies as a failing machine's would. */
        public void killNode() throws IOException, InterruptedException {
            run("kill-node", dir);
        }

        public void reviveNode() throws IOException, InterruptedException {
            run("revive-node", dir);
        }
    }

    private Path dir;
    private SlurmCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("cyberplaza-slurm");
        run("start", dir);
        JsonNode info = new ObjectMapper().readTree(dir.resolve("cluster.json").toFile());
        cluster = new SlurmCluster(URI.create(info.path("rest").asText()), Files.readAllBytes(Path.of(info.path("jwtKey").asText())),
                info.path("user").asText(), info.path("partition").asText(), info.path("cpus").asInt(), Path.of(info.path("jobs").asText()), dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (dir == null) return;
        run("stop", dir);
        try (var walk = Files.walk(dir)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SlurmCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster;
    }

    private static void run(String command, Path dir) throws IOException, InterruptedException {
        Path log = Files.createTempFile("slurm-" + command, ".log");
        Process process = new ProcessBuilder(List.of("bash", SCRIPT.toString(), command, dir.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("cluster.sh " + command + " took over 3 minutes: " + Files.readString(log));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("cluster.sh " + command + " failed (Slurm from Debian's packages is needed: "
                    + "bash testing/slurm/cluster.sh install, as root): " + Files.readString(log));
        }
    }
}
