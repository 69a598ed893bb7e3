package io.cyberplaza.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * An HTTP hop in front of a local service that, during a storm, answers as the real service does
 * when it throttles or fails (DynamoDB's {@code ThrottlingException} and 500s, EC2's
 * {@code RequestLimitExceeded} and 503s), or stops listening altogether (a node that is
 * unreachable). Outside storms it forwards every request unchanged, counting each operation.
 */
final class FaultProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);
    /** Hop-by-hop and computed headers the forwarding client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "date");

    /** What a storm looks like from the client's side. */
    enum Storm {
        /** DynamoDB: about half the requests throttled (400 ThrottlingException) or failed (500). */
        DYNAMODB_THROTTLING,
        /** EC2: about half the requests refused with 503 RequestLimitExceeded or 500 InternalError. */
        EC2_THROTTLING,
        /** The port stops listening: every connection refused. */
        UNREACHABLE
    }

    private final String name;
    private final URI target;
    private final Storm storm;
    private final IntSupplier coin;
    private final Runnable counter;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final int port;
    private HttpServer server;
    private volatile long stormUntil;
    /** Requests forwarded, by their {@code X-Amz-Target} operation (DynamoDB's are e.g. {@code PutItem}). */
    private final java.util.concurrent.ConcurrentMap<String, java.util.concurrent.atomic.LongAdder> operations =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<String, java.util.concurrent.atomic.LongAdder> byTable =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param coin    0 or 1 for each request during a storm: whether this one fails
     * @param counter called for every failure injected
     */
    private FaultProxy(String name, URI target, Storm storm, IntSupplier coin, Runnable counter) throws IOException {
        this.name = name;
        this.target = target;
        this.storm = storm;
        this.coin = coin;
        this.counter = counter;
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    static FaultProxy start(String name, URI target, Storm storm, IntSupplier coin, Runnable counter) throws IOException {
        return new FaultProxy(name, target, storm, coin, counter);
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer listening = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 256);
        listening.setExecutor(executor);
        listening.createContext("/", this::handle);
        listening.start();
        return listening;
    }

    /** The port was let go for the storm; a connection's ephemeral port may hold it for a moment. */
    private HttpServer listenAgain() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return listen(port);
            } catch (java.net.BindException taken) {
                if (attempt == 50) throw taken;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Ends a storm of failed answers now (an outage ends by itself when its sleep does). */
    void calm() {
        stormUntil = 0;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    String name() {
        return name;
    }

    /** Fails requests (or refuses connections) for this long, from now. */
    synchronized void storm(Duration length) throws IOException, InterruptedException {
        log.info("{} storm on {} for {}", storm.name().toLowerCase(Locale.ROOT), name, length);
        if (storm != Storm.UNREACHABLE) {
            stormUntil = System.nanoTime() + length.toNanos();
            return;
        }
        server.stop(0);
        counter.run();
        try {
            Thread.sleep(length.toMillis());
        } finally {
            server = listenAgain();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (stormUntil - System.nanoTime() > 0 && coin.getAsInt() == 1) {
                counter.run();
                fail(exchange);
                return;
            }
            forward(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(HttpExchange exchange) throws IOException {
        boolean throttled = coin.getAsInt() == 1;
        int status;
        String contentType;
        String body;
        if (storm == Storm.DYNAMODB_THROTTLING) {
            status = throttled ? 400 : 500;
            contentType = "application/x-amz-json-1.0";
            body = throttled
                    ? "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\",\"message\":\"Rate of requests exceeds the allowed throughput.\"}"
                    : "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"Internal server error\"}";
        } else {
            status = throttled ? 503 : 500;
            contentType = "text/xml;charset=UTF-8";
            body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + (throttled ? "RequestLimitExceeded" : "InternalError")
                    + "</Code><Message>" + (throttled ? "Request limit exceeded." : "An internal error has occurred.")
                    + "</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final java.util.regex.Pattern TABLE = java.util.regex.Pattern.compile("\"TableName\"\\s*:\\s*\"([^\"]+)\"");

    /** Counts the operation, and the operation per table it names (each item of a transaction), for where the calls go. */
    private void count(String operation, byte[] body) {
        operations.computeIfAbsent(operation, k -> new java.util.concurrent.atomic.LongAdder()).increment();
        var tables = TABLE.matcher(new String(body, StandardCharsets.UTF_8));
        while (tables.find()) {
            byTable.computeIfAbsent(operation + " " + tables.group(1), k -> new java.util.concurrent.atomic.LongAdder()).increment();
            if (!operation.startsWith("Transact") && !operation.startsWith("Batch")) break;
        }
    }

    /** Operations per table, e.g. {@code "PutItem cyberplaza-local-orders" -> 200}. */
    Map<String, Long> operationsByTable() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        byTable.forEach((operation, count) -> counts.put(operation, count.sum()));
        return counts;
    }

    /** How many requests of each operation went through to the service. */
    Map<String, Long> operations() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        operations.forEach((operation, count) -> counts.put(operation, count.sum()));
        return counts;
    }

    private void forward(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String operation = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (operation != null) count(operation.substring(operation.indexOf('.') + 1), body);
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((header, values) -> {
            if (!NOT_FORWARDED.contains(header.toLowerCase(Locale.ROOT))) values.forEach(value -> request.header(header, value));
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException unreachable) {
            exchange.sendResponseHeaders(502, -1);
            return;
        }
        response.headers().map().forEach((header, values) -> {
            if (!NOT_FORWARDED.contains(header.toLowerCase(Locale.ROOT)) && !header.startsWith(":")) {
                exchange.getResponseHeaders().put(header, List.copyOf(values));
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public synchronized void close() {
        server.stop(0);
        executor.shutdownNow();
        client.close();
    }
}
