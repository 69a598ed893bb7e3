package io.cyberplaza.azure.queue;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClient;
import io.cyberplaza.core.queue.OrderMessage;
import io.cyberplaza.core.queue.WorkQueue;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The work queues on Azure Storage queues, one per topic ({@code <prefix>-provision},
 * {@code <prefix>-settle}). Delivery is at least once and has no deduplication: the consumers are
 * idempotent, which is what makes a repeated message harmless. Messages are Base64, as the Functions
 * queue trigger reads them.
 */
public final class StorageQueueWorkQueue implements WorkQueue {
    private final Map<Topic, QueueClient> queues = new EnumMap<>(Topic.class);

    public StorageQueueWorkQueue(QueueServiceClient service, String prefix) {
        for (Topic topic : Topic.values()) queues.put(topic, service.getQueueClient(queueName(prefix, topic)));
    }

    public static String queueName(String prefix, Topic topic) {
        return prefix + "-" + topic.name().toLowerCase(Locale.ROOT);
    }

    /** Creates the queues that do not exist yet (a deployment's infrastructure code creates them instead). */
    public void createMissing() {
        queues.values().forEach(QueueClient::createIfNotExists);
    }

    @Override
    public void send(Topic topic, String orderId, String dedupKey) {
        queues.get(topic).sendMessage(OrderMessage.encode(orderId));
    }
}
