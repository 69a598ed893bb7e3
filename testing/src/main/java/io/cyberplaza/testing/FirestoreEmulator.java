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
 * The Firestore emulator of the Google Cloud CLI ({@code gcloud emulators firestore}), in native
 * mode on a free loopback port. It is part of the CLI, not of any package registry: where the machine
 * lacks it, {@link #available} says so and the tests that need it tell the reader plainly.
 */
public final class FirestoreEmulator implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Path EMULATOR = Path.of("platform", "cloud-firestore-emulator", "cloud_firestore_emulator");

    private final LoopbackProcess process;
    private final String hostPort;

    private FirestoreEmulator(LoopbackProcess process, String hostPort) {
        this.process = process;
        this.hostPort = hostPort;
    }

    /** Why the emulator cannot run here, or empty when it can. */
    public static Optional<String> unavailableBecause() {
        return sdkRoot().isPresent() ? Optional.empty()
                : Optional.of("the Firestore emulator is not installed: it comes with the Google Cloud CLI "
                + "(gcloud components install cloud-firestore-emulator, or the google-cloud-cli-firestore-emulator package)");
    }

    public static boolean available() {
        return unavailableBecause().isEmpty();
    }

    public static FirestoreEmulator start(Path log) throws IOException, InterruptedException {
        Path emulator = sdkRoot().orElseThrow(() -> new IOException(unavailableBecause().orElseThrow())).resolve(EMULATOR);
        int port = LoopbackProcess.freePort();
        LoopbackProcess process = LoopbackProcess.start(List.of(emulator.toString(), "start", "--host=127.0.0.1", "--port=" + port,
                        "--database-mode=firestore-native"),
                List.of(port), log, START_TIMEOUT, "the Firestore emulator needs a Java runtime on PATH");
        return new FirestoreEmulator(process, "127.0.0.1:" + port);
    }

    /** What {@code FIRESTORE_EMULATOR_HOST} would say. */
    public String hostPort() {
        return hostPort;
    }

    /** The Cloud SDK holding the emulator: CLOUDSDK_ROOT_DIR, else the one whose gcloud is on PATH. */
    private static Optional<Path> sdkRoot() {
        String configured = System.getenv("CLOUDSDK_ROOT_DIR");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) candidates.add(Path.of(configured));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path gcloud = Path.of(dir, "gcloud");
            if (Files.isExecutable(gcloud)) {
                try {
                    candidates.add(gcloud.toRealPath().getParent().getParent());
                    candidates.add(gcloud.toRealPath().getParent().getParent().resolve("lib/google-cloud-sdk"));
                } catch (IOException unreadable) {
                    // Not a usable gcloud.
                }
            }
        }
        return candidates.stream().filter(root -> Files.isExecutable(root.resolve(EMULATOR))).findFirst();
    }

    @Override
    public void close() {
        process.close();
    }
}
