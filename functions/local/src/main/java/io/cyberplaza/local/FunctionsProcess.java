package io.cyberplaza.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The functions in a JVM of their own ({@code LocalRunner functions CONFIG}), which a soak kills with
 * SIGKILL and starts again while the tables, queues and chain stay up: whatever the functions knew
 * and did not write down is gone, as when a Lambda sandbox dies mid-invocation.
 */
public final class FunctionsProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FunctionsProcess.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    static final String DUPLICATES_FILE = "functions-duplicates-";

    private final Path state;
    private final Path config;
    private final String api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private boolean closed;

    private FunctionsProcess(Path state, Path config, String api) {
        this.state = state;
        this.config = config;
        this.api = api;
    }

    /** Writes the functions' configuration, starts them and waits until the API answers. */
    static FunctionsProcess start(Path state, Map<String, Object> properties, Faults faults, boolean drive, String api) throws Exception {
        Path config = state.resolve("functions.json");
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("properties", properties);
        file.put("drive", drive);
        file.put("duplicates", faults.on(Faults.Kind.DUPLICATE));
        file.put("seed", faults.seed());
        file.put("state", state.toString());
        Files.writeString(config, JSON.writeValueAsString(file));
        Files.deleteIfExists(state.resolve("functions.log"));
        try (Stream<Path> old = Files.list(state)) {
            for (Path counts : old.filter(p -> p.getFileName().toString().startsWith(DUPLICATES_FILE)).toList()) Files.delete(counts);
        }
        FunctionsProcess functions = new FunctionsProcess(state, config, api);
        functions.launch();
        return functions;
    }

    private synchronized void launch() throws Exception {
        if (closed) throw new IllegalStateException("stopped");
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
                // Killed every minute or so: the quick compiler alone warms a new process up for less CPU.
                "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), LocalRunner.class.getName(), "functions", config.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("functions.log").toFile())).start();
        try {
            awaitHealthy();
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Never left behind half-started: nobody else knows it exists.
            process.destroyForcibly().waitFor();
            throw e;
        }
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IOException("the functions exited with " + process.exitValue() + "; see " + state.resolve("functions.log"));
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(api + "/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IOException("the functions did not answer within " + START_TIMEOUT);
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed, in-flight requests and messages die with it. */
    public synchronized void kill() throws InterruptedException {
        if (process == null) return;
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts the functions again after {@link #kill}, retrying while the old process's port is let go. */
    public synchronized void restart() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                launch();
                return;
            } catch (IOException e) {
                if (attempt == 3 || closed) throw e;
                log.warn("the functions did not start again ({}); trying once more", e.getMessage());
                if (process.isAlive()) process.destroyForcibly().waitFor();
                Thread.sleep(1_000);
            }
        }
    }

    /** Duplicate deliveries the functions' processes made, as each last wrote them down. */
    public long duplicatesInjected() throws IOException {
        long total = 0;
        try (Stream<Path> files = Files.list(state)) {
            for (Path counts : files.filter(p -> p.getFileName().toString().startsWith(DUPLICATES_FILE)).toList()) {
                String text = Files.readString(counts).trim();
                if (!text.isEmpty()) total += Long.parseLong(text);
            }
        }
        return total;
    }

    /**
     * SIGTERM, so the functions stop what they run on the local provisioner; SIGKILL if they do not
     * end. Functions killed a moment ago are started once more first: only they can stop the
     * workloads their killed predecessor left running.
     */
    @Override
    public synchronized void close() {
        if (process == null) return;
        if (!process.isAlive() && !closed) {
            try {
                launch();
            } catch (Exception e) {
                log.warn("the functions could not be started to stop their workloads: {}", e.toString());
            }
        }
        closed = true;
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** What {@code LocalRunner functions CONFIG} runs: the functions until the process is ended. */
    static void run(Path configFile) throws Exception {
        var file = JSON.readTree(configFile.toFile());
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = JSON.convertValue(file.get("properties"), Map.class);
        Faults faults = new Faults(file.path("duplicates").asBoolean() ? java.util.EnumSet.of(Faults.Kind.DUPLICATE)
                : java.util.EnumSet.noneOf(Faults.Kind.class), file.path("seed").asLong() ^ ProcessHandle.current().pid());
        Faucet faucet = new Faucet(new org.web3j.protocol.http.HttpService((String) properties.get(LocalMarketplace.FAUCET_RPC)),
                (String) properties.get("cyberplaza.chain.token"));
        LocalFunctions functions = LocalFunctions.start(properties, List.of(faucet), faults, file.path("drive").asBoolean());
        Path counts = Path.of(file.path("state").asText()).resolve(DUPLICATES_FILE + ProcessHandle.current().pid());
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            functions.close();
            writeCount(counts, faults);
            stopped.countDown();
        }, "functions-stop"));
        // Whoever started these functions stops them; if it dies without doing so, they stop themselves.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        // Written every second: a SIGKILL loses at most the last second's count.
        while (!stopped.await(1, TimeUnit.SECONDS)) writeCount(counts, faults);
    }

    private static void writeCount(Path counts, Faults faults) {
        try {
            Path temporary = counts.resolveSibling("writing-" + counts.getFileName());
            Files.writeString(temporary, Long.toString(faults.injected(Faults.Kind.DUPLICATE)));
            Files.move(temporary, counts, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("the duplicate count could not be written: {}", e.toString());
        }
    }
}
