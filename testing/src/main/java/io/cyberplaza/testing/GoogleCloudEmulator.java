package io.cyberplaza.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An emulator of the Google Cloud CLI (Firestore in native mode, Pub/Sub) on a free loopback port.
 * The emulators come with the CLI, not from any package registry: where the machine lacks one,
 * {@link #unavailableBecause} says so, and the tests that need it tell the reader plainly.
 */
public final class GoogleCloudEmulator implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    public enum Kind {
        FIRESTORE(Path.of("platform", "cloud-firestore-emulator", "cloud_firestore_emulator"), "cloud-firestore-emulator"),
        PUBSUB(Path.of("platform", "pubsub-emulator", "bin", "cloud-pubsub-emulator"), "pubsub-emulator");

        private final Path launcher;
        private final String component;

        Kind(Path launcher, String component) {
            this.launcher = launcher;
            this.component = component;
        }

        private List<String> command(Path launcher, int port) {
            return switch (this) {
                case FIRESTORE -> List.of(launcher.toString(), "start", "--host=127.0.0.1", "--port=" + port, "--database-mode=firestore-native");
                case PUBSUB -> List.of(launcher.toString(), "--host=127.0.0.1", "--port=" + port);
            };
        }
    }

    private final LoopbackProcess process;
    private final String hostPort;

    private GoogleCloudEmulator(LoopbackProcess process, String hostPort) {
        this.process = process;
        this.hostPort = hostPort;
    }

    /** Why the emulator cannot run here, or empty when it can. */
    public static Optional<String> unavailableBecause(Kind kind) {
        return sdkRoot(kind).isPresent() ? Optional.empty()
                : Optional.of("the " + kind.component + " is not installed: it comes with the Google Cloud CLI "
                + "(gcloud components install " + kind.component + ", or the google-cloud-cli-" + kind.component + " package)");
    }

    public static GoogleCloudEmulator start(Kind kind, Path log) throws IOException, InterruptedException {
        Path launcher = sdkRoot(kind).orElseThrow(() -> new IOException(unavailableBecause(kind).orElseThrow())).resolve(kind.launcher);
        int port = LoopbackProcess.freePort();
        LoopbackProcess process = LoopbackProcess.start(kind.command(launcher, port), List.of(port), log, START_TIMEOUT,
                "the emulator needs a Java runtime on PATH");
        return new GoogleCloudEmulator(process, "127.0.0.1:" + port);
    }

    /** What {@code FIRESTORE_EMULATOR_HOST} or {@code PUBSUB_EMULATOR_HOST} would say. */
    public String hostPort() {
        return hostPort;
    }

    /** The Cloud SDK holding the emulator: CLOUDSDK_ROOT_DIR, else the one whose gcloud is on PATH. */
    private static Optional<Path> sdkRoot(Kind kind) {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("CLOUDSDK_ROOT_DIR");
        if (configured != null) candidates.add(Path.of(configured));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path gcloud = Path.of(dir, "gcloud");
            if (!Files.isExecutable(gcloud)) continue;
            try {
                Path root = gcloud.toRealPath().getParent().getParent();
                candidates.add(root);
                candidates.add(root.resolve("lib/google-cloud-sdk"));
            } catch (IOException unreadable) {
                // Not a usable gcloud.
            }
        }
        return candidates.stream().filter(root -> Files.isExecutable(root.resolve(kind.launcher))).findFirst();
    }

    @Override
    public void close() {
        process.close();
    }
}
