package io.cyberplaza.chain;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Hardhat 2 node run as a child process on a free loopback port: the local EVM chain of the tests
 * and of the local runner. Closing it stops the node and every process it started.
 */
public final class HardhatNode implements AutoCloseable {
    public static final long CHAIN_ID = 31337;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final HttpService service;
    private final Web3j web3j;
    private final Thread shutdownHook;

    private HardhatNode(Process process, int port) {
        this.process = process;
        this.port = port;
        this.service = new HttpService(rpcUrl());
        this.web3j = Web3j.build(service);
        this.shutdownHook = new Thread(this::stopProcess, "hardhat-node-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a node from {@code contractsDir} (which holds hardhat.config.js and node_modules),
     * logging to {@code logFile}, and waits until it answers JSON-RPC.
     */
    public static HardhatNode start(Path contractsDir, Path logFile) throws IOException, InterruptedException {
        Path cli = contractsDir.resolve("node_modules/hardhat/internal/cli/cli.js");
        if (!Files.exists(cli)) {
            throw new IllegalStateException("Hardhat is not installed in " + contractsDir + ": run contracts/build.sh");
        }
        int port = freeLoopbackPort();
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of("node", cli.toString(), "node",
                "--hostname", "127.0.0.1", "--port", Integer.toString(port)))
                .directory(contractsDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().put("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
        HardhatNode node = new HardhatNode(builder.start(), port);
        try {
            node.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IOException("hardhat node exited with code " + process.exitValue());
            try {
                if (web3j.ethChainId().send().getChainId().longValue() == CHAIN_ID) return;
            } catch (IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(200);
        }
        throw new IOException("hardhat node did not answer within " + START_TIMEOUT);
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Web3j web3j() {
        return web3j;
    }

    /** The JSON-RPC result of a node method web3j has no binding for (hardhat_mine, evm_snapshot, ...). */
    public Object rpc(String method, Object... params) throws IOException {
        RawResponse response = new Request<>(method, List.of(params), service, RawResponse.class).send();
        if (response.hasError()) throw new IOException(method + " failed: " + response.getError().getMessage());
        return response.getResult();
    }

    public static final class RawResponse extends Response<Object> {
    }

    /** A fresh key holding 1,000 ether, so callers never share an account (or its nonces). */
    public Credentials newFundedAccount() throws IOException {
        try {
            Credentials credentials = Credentials.create(Keys.createEcKeyPair());
            rpc("hardhat_setBalance", credentials.getAddress(), Numeric.toHexStringWithPrefix(BigInteger.TEN.pow(21)));
            return credentials;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a key pair", e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        web3j.shutdown();
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    private void stopProcess() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
