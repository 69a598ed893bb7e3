package io.cyberplaza.store.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.lang.reflect.Field;
import java.net.URI;

/**
 * DynamoDB Local as an in-memory HTTP server on a free 127.0.0.1 port, for the local runner and for
 * tests of code that talks to DynamoDB over HTTP. DynamoDB Local listens on every interface and has
 * no option to change that, so its Jetty connector is bound to loopback before it starts.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
    private final DynamoDBProxyServer proxy;
    private final int port;

    private DynamoDbLocalServer(DynamoDBProxyServer proxy, int port) {
        this.proxy = proxy;
        this.port = port;
    }

    public static DynamoDbLocalServer start() throws Exception {
        // DynamoDB Local prints its banner on standard output, which belongs to the caller's own output.
        java.io.PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            return startQuietly();
        } finally {
            System.setOut(stdout);
        }
    }

    private static DynamoDbLocalServer startQuietly() throws Exception {
        // Telemetry off: it would call out to the internet. One shared database whatever the
        // client's credentials or region, so any local tool sees the same tables.
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(new String[]{
                "-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(freeLoopbackPort())});
        Server jetty = jettyOf(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) serverConnector.setHost("127.0.0.1");
        }
        proxy.start();
        int port = -1;
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                if (!"127.0.0.1".equals(serverConnector.getHost())) {
                    proxy.stop();
                    throw new IllegalStateException("DynamoDB Local is not bound to loopback");
                }
                port = serverConnector.getLocalPort();
            }
        }
        return new DynamoDbLocalServer(proxy, port);
    }

    private static int freeLoopbackPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Server jettyOf(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        return (Server) field.get(proxy);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
