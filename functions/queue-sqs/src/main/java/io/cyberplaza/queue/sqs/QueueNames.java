package io.cyberplaza.queue.sqs;

import io.cyberplaza.core.queue.WorkQueue;

import java.util.Locale;

/**
 * Physical queue names: a deployment prefix plus the topic (e.g. {@code cyberplaza-prod-provision}),
 * each with a dead-letter queue named {@code <queue>-dlq}. Infrastructure passes the prefix in
 * {@code CYBERPLAZA_QUEUE_PREFIX}.
 */
public record QueueNames(String prefix) {

    public String of(WorkQueue.Topic topic) {
        return prefix + topic.name().toLowerCase(Locale.ROOT);
    }

    public String deadLetterOf(WorkQueue.Topic topic) {
        return of(topic) + "-dlq";
    }
}
