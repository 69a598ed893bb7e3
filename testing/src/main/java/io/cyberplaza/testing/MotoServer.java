package io.cyberplaza.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * moto's server mode (PyPI {@code moto[server]}), the AWS APIs that have no official emulator (EC2,
 * Secrets Manager, KMS, EventBridge), as a child process on a free loopback port. One server holds
 * every service; requests are told apart by their signing scope, so any region and any credentials
 * work. {@link #close} stops it.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static MotoServer start(Path log) throws IOException, InterruptedException {
        int port = freePort();
        String python = System.getenv().getOrDefault("CYBERPLAZA_PYTHON", "python3");
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(python, "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitListening(port, log);
            return server;
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    private void awaitListening(int port, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("moto server exited with " + process.exitValue() + " (is moto[server] installed? "
                        + "pip install 'moto[server]'): " + tail(log));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("moto server did not listen within " + START_TIMEOUT + ": " + tail(log));
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log) : "";
        return text.length() > 2_000 ? text.substring(text.length() - 2_000) : text;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
