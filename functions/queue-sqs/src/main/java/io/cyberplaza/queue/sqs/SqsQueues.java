package io.cyberplaza.queue.sqs;

import io.cyberplaza.core.queue.WorkQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;

/**
 * Creates the queues with their dead-letter queues, for local runs and tests (clouds get them from
 * the infrastructure code, with the same settings). Idempotent.
 */
public final class SqsQueues {
    /** A message that failed this often is parked in the dead-letter queue for an operator. */
    public static final int MAX_RECEIVES = 5;
    /** Longer than the slowest handler, so a message is not redelivered while still being worked on. */
    public static final int VISIBILITY_TIMEOUT_SECONDS = 60;

    private SqsQueues() {
    }

    public static void createMissing(SqsClient sqs, QueueNames names) {
        for (WorkQueue.Topic topic : WorkQueue.Topic.values()) {
            String dlqUrl = sqs.createQueue(r -> r.queueName(names.deadLetterOf(topic))).queueUrl();
            String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sqs.createQueue(r -> r.queueName(names.of(topic)).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_TIMEOUT_SECONDS),
                    QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVES + "\"}")));
        }
    }
}
