package io.cyberplaza.gcp.function;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import io.cyberplaza.core.queue.OrderMessage;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.executor.FunctionInitializer;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A CloudEvent function fed by a Pub/Sub topic through Eventarc ({@code google.cloud.pubsub.topic.v1.messagePublished}).
 * An exception makes Eventarc deliver the event again, and the subscription's dead-letter topic
 * takes it after its last try; an event that can never succeed (not a work message) is
 * acknowledged and dropped at once.
 */
abstract class PubSubFunction extends FunctionInitializer implements CloudEventsFunction {
    private static final Logger log = LoggerFactory.getLogger(PubSubFunction.class);

    PubSubFunction() {
    }

    PubSubFunction(ApplicationContext context) {
        super(context, false);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return GcpContexts.builder();
    }

    /** The order a work message names, or empty for anything else. */
    Optional<String> orderOf(CloudEvent event) {
        try {
            JsonNode push = applicationContext.getBean(JsonMapper.class).readValue(event.getData() == null ? new byte[0] : event.getData().toBytes(),
                    JsonNode.class);
            JsonNode data = push == null || push.get("message") == null ? null : push.get("message").get("data");
            if (data == null || !data.isString()) throw new IllegalArgumentException("no message data");
            return Optional.of(OrderMessage.decode(new String(Base64.getDecoder().decode(data.getStringValue()), StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException malformed) {
            log.error("dropping event {}: not a work message", event.getId());
            return Optional.empty();
        }
    }
}
