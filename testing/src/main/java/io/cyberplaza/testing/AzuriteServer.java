package io.cyberplaza.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Azurite (npm {@code azurite}, installed in {@code testing/azurite}), Azure Storage's emulator: Table
 * and Queue storage, in memory, on free loopback ports. {@link #close} stops it and forgets everything.
 */
public final class AzuriteServer implements AutoCloseable {
    /** Azurite's well-known development account: public, documented, and accepted by nothing but Azurite. */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final LoopbackProcess process;
    private final int tablePort;
    private final int queuePort;

    private AzuriteServer(LoopbackProcess process, int tablePort, int queuePort) {
        this.process = process;
        this.tablePort = tablePort;
        this.queuePort = queuePort;
    }

    public static AzuriteServer start(Path log) throws IOException, InterruptedException {
        Path bin = RepositoryRoot.find().resolve("testing/azurite/node_modules/.bin/azurite");
        if (!Files.isExecutable(bin)) {
            throw new IOException("Azurite is not installed: run `npm ci` in testing/azurite (" + bin + " is missing)");
        }
        int blobPort = LoopbackProcess.freePort();
        int queuePort = LoopbackProcess.freePort();
        int tablePort = LoopbackProcess.freePort();
        LoopbackProcess process = LoopbackProcess.start(List.of(bin.toString(), "--silent", "--inMemoryPersistence", "--disableTelemetry",
                        // The SDK speaks newer service versions than Azurite announces; the calls used here are all supported.
                        "--skipApiVersionCheck",
                        "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(blobPort),
                        "--queueHost", "127.0.0.1", "--queuePort", Integer.toString(queuePort),
                        "--tableHost", "127.0.0.1", "--tablePort", Integer.toString(tablePort)),
                List.of(tablePort, queuePort), log, START_TIMEOUT, "npm ci in testing/azurite");
        return new AzuriteServer(process, tablePort, queuePort);
    }

    /** A connection string for the development account on this server's table and queue endpoints. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + ACCOUNT_KEY
                + ";TableEndpoint=http://127.0.0.1:" + tablePort + "/" + ACCOUNT
                + ";QueueEndpoint=http://127.0.0.1:" + queuePort + "/" + ACCOUNT + ";";
    }

    @Override
    public void close() {
        process.close();
    }
}
