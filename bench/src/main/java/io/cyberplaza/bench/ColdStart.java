package io.cyberplaza.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.cyberplaza.aws.handler.ApiHandler;
import io.cyberplaza.aws.handler.EscrowWatcherHandler;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a fresh JVM: builds one handler the way Lambda does (default constructor) and answers its
 * sample event, then prints the milliseconds from JVM start to that first response.
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        Path events = Path.of(System.getProperty("cyberplaza.root", ".")).resolve("events");
        ClassLoader loader = ColdStart.class.getClassLoader();
        switch (args[0]) {
            case "api" -> {
                APIGatewayV2HTTPEvent event = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader)
                        .fromJson(Files.readString(events.resolve("apigw-v2-get-health.json")));
                int status = new ApiHandler().handleRequest(event, null).getStatusCode();
                if (status != 200) throw new IllegalStateException("the API answered " + status);
            }
            case "watcher" -> {
                ScheduledEvent event = LambdaEventSerializers.serializerFor(ScheduledEvent.class, loader)
                        .fromJson(Files.readString(events.resolve("scheduled-escrow-watcher.json")));
                new EscrowWatcherHandler().execute(event);
            }
            default -> throw new IllegalArgumentException("api or watcher");
        }
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println(sinceStart);
        System.exit(0);
    }
}
