package io.cyberplaza.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server run as a child process on loopback ports: started, waited for until every port listens,
 * and stopped with everything it spawned. Its output goes to a log whose tail explains a failed start.
 */
public final class LoopbackProcess implements AutoCloseable {
    private final Process process;

    private LoopbackProcess(Process process) {
        this.process = process;
    }

    /**
     * @param installHint what to tell the reader when the process exits at once (usually: how to install it)
     */
    public static LoopbackProcess start(List<String> command, List<Integer> ports, Path log, Duration timeout, String installHint)
            throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LoopbackProcess server = new LoopbackProcess(process);
        try {
            for (int port : ports) server.awaitListening(command.getFirst(), port, log, timeout, installHint);
            return server;
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening(String name, int port, Path log, Duration timeout, String installHint) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " (" + installHint + "): " + tail(log));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException(name + " did not listen on " + port + " within " + timeout + ": " + tail(log));
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log) : "";
        return text.length() > 2_000 ? text.substring(text.length() - 2_000) : text;
    }

    @Override
    public void close() {
        // Launchers (gcloud, npm bins) run the server as their child: stop the whole tree.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
