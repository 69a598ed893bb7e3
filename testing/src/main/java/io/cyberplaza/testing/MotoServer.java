package io.cyberplaza.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * moto's server mode (PyPI {@code moto[server]}), the AWS APIs that have no official emulator (EC2,
 * Secrets Manager, KMS, EventBridge), as a child process on a free loopback port. One server holds
 * every service; requests are told apart by their signing scope, so any region and any credentials
 * work. {@link #close} stops it.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final LoopbackProcess process;
    private final URI endpoint;

    private MotoServer(LoopbackProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static MotoServer start(Path log) throws IOException, InterruptedException {
        int port = LoopbackProcess.freePort();
        String python = System.getenv().getOrDefault("CYBERPLAZA_PYTHON", "python3");
        LoopbackProcess process = LoopbackProcess.start(List.of(python, "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port)),
                List.of(port), log, START_TIMEOUT, "is moto[server] installed? pip install 'moto[server]'");
        return new MotoServer(process, URI.create("http://127.0.0.1:" + port));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.close();
    }
}
