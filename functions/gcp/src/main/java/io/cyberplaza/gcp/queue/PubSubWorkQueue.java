package io.cyberplaza.gcp.queue;

import com.google.api.core.ApiFuture;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import io.cyberplaza.core.queue.OrderMessage;
import io.cyberplaza.core.queue.WorkQueue;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The work queues on Pub/Sub, one topic per work kind ({@code <prefix>-provision},
 * {@code <prefix>-settle}); each topic's push subscription (Eventarc) triggers its function.
 * Delivery is at least once: consumers are idempotent. The dedup key travels as an attribute for
 * tracing. A send waits for Pub/Sub to accept the message, so a caller that returns has queued it.
 */
public final class PubSubWorkQueue implements WorkQueue, AutoCloseable {
    private static final long PUBLISH_TIMEOUT_SECONDS = 30;

    private final Map<Topic, Publisher> publishers = new EnumMap<>(Topic.class);

    public PubSubWorkQueue(String project, String prefix, Function<TopicName, Publisher> publisherOf) {
        for (Topic topic : Topic.values()) publishers.put(topic, publisherOf.apply(TopicName.of(project, topicName(prefix, topic))));
    }

    public static String topicName(String prefix, Topic topic) {
        return prefix + "-" + topic.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void send(Topic topic, String orderId, String dedupKey) {
        PubsubMessage message = PubsubMessage.newBuilder().setData(ByteString.copyFromUtf8(OrderMessage.encode(orderId)))
                .putAttributes("dedupKey", dedupKey).build();
        ApiFuture<String> published = publishers.get(topic).publish(message);
        try {
            published.get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Pub/Sub did not accept the " + topic + " message of " + orderId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the " + topic + " message of " + orderId, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Publisher publisher : publishers.values()) {
            publisher.shutdown();
            publisher.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
