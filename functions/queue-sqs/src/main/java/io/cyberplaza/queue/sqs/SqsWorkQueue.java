package io.cyberplaza.queue.sqs;

import io.cyberplaza.core.queue.OrderMessage;
import io.cyberplaza.core.queue.WorkQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.EnumMap;
import java.util.Map;

/**
 * The work queue on SQS standard queues. Delivery is at least once and consumers are idempotent,
 * so the de-duplication key travels as an attribute for tracing rather than as a FIFO dedup id.
 */
public final class SqsWorkQueue implements WorkQueue {
    private final SqsClient sqs;
    private final Map<Topic, String> urls = new EnumMap<>(Topic.class);

    public SqsWorkQueue(SqsClient sqs, QueueNames names) {
        this.sqs = sqs;
        for (Topic topic : Topic.values()) {
            urls.put(topic, sqs.getQueueUrl(r -> r.queueName(names.of(topic))).queueUrl());
        }
    }

    @Override
    public void send(Topic topic, String orderId, String dedupKey) {
        sqs.sendMessage(r -> r.queueUrl(urls.get(topic))
                .messageBody(OrderMessage.encode(orderId))
                .messageAttributes(Map.of("dedupKey", MessageAttributeValue.builder().dataType("String").stringValue(dedupKey).build())));
    }

    public String urlOf(Topic topic) {
        return urls.get(topic);
    }
}
