package io.cyberplaza.local;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The soak's throttling hop: forwards and counts outside storms, answers as the vendor does or refuses connections during one. */
class FaultProxyTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger injected = new AtomicInteger();
    private HttpServer service;

    @BeforeEach
    void startService() throws IOException {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/", exchange -> {
            byte[] body = ("{\"seen\":\"" + exchange.getRequestHeaders().getFirst("X-Amz-Target") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
    }

    @AfterEach
    void stopService() {
        service.stop(0);
    }

    private FaultProxy proxy(FaultProxy.Storm storm) throws IOException {
        return FaultProxy.start("test", URI.create("http://127.0.0.1:" + service.getAddress().getPort()), storm, () -> 1,
                injected::incrementAndGet);
    }

    private HttpResponse<String> put(FaultProxy proxy) throws Exception {
        return http.send(HttpRequest.newBuilder(proxy.endpoint().resolve("/")).header("X-Amz-Target", "DynamoDB_20120810.PutItem")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void outsideAStormEveryRequestReachesTheServiceAndIsCountedDuringOneDynamoDbThrottles() throws Exception {
        try (FaultProxy proxy = proxy(FaultProxy.Storm.DYNAMODB_THROTTLING)) {
            HttpResponse<String> passed = put(proxy);
            assertThat(passed.statusCode()).isEqualTo(200);
            assertThat(passed.body()).contains("DynamoDB_20120810.PutItem");
            assertThat(proxy.operations()).containsEntry("PutItem", 1L);

            proxy.storm(Duration.ofSeconds(30));
            HttpResponse<String> throttled = put(proxy);
            assertThat(throttled.statusCode()).isEqualTo(400);
            assertThat(throttled.body()).contains("#ThrottlingException");
            assertThat(injected).hasValue(1);
            assertThat(proxy.operations()).as("what never reached the service is not counted").containsEntry("PutItem", 1L);
        }
    }

    @Test
    void anUnreachableNodeRefusesConnectionsForTheStormThenListensAgainOnTheSamePort() throws Exception {
        try (FaultProxy proxy = proxy(FaultProxy.Storm.UNREACHABLE)) {
            Thread storm = Thread.ofVirtual().start(() -> {
                try {
                    proxy.storm(Duration.ofMillis(1_500));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThatThrownBy(() -> put(proxy)).isInstanceOf(ConnectException.class);
            storm.join();
            assertThat(put(proxy).statusCode()).isEqualTo(200);
            assertThat(injected).hasValue(1);
        }
    }
}
