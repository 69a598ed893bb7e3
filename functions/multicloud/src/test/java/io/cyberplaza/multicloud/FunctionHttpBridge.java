package io.cyberplaza.multicloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What the Functions host and the Functions Framework do for an HTTP trigger, reduced to the part a
 * client sees: a loopback HTTP endpoint whose every request is handed to the cloud's HTTP entry
 * point, and whose answer is that entry point's response. The buyer then speaks plain HTTP, as it
 * would to the deployed function.
 */
final class FunctionHttpBridge implements AutoCloseable {
    record Request(String method, String pathAndQuery, Map<String, String> headers, String body) {
    }

    record Response(int status, Map<String, String> headers, byte[] body) {
        static Response of(int status, Map<String, String> headers, Object body) {
            byte[] bytes = body == null ? new byte[0] : body instanceof byte[] raw ? raw : body.toString().getBytes(StandardCharsets.UTF_8);
            return new Response(status, headers, bytes);
        }
    }

    private final HttpServer server;

    private FunctionHttpBridge(HttpServer server) {
        this.server = server;
    }

    static FunctionHttpBridge start(Function<Request, Response> entryPoint) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> handle(exchange, entryPoint));
        server.start();
        return new FunctionHttpBridge(server);
    }

    private static void handle(HttpExchange exchange, Function<Request, Response> entryPoint) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Response response = entryPoint.apply(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) exchange.getResponseBody().write(response.body());
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
