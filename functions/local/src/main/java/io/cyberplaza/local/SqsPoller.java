package io.cyberplaza.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What Lambda's SQS event source mapping does, for the local runner: long-poll a queue, hand the
 * batch to the handler as an SQS event, delete what succeeded, leave the reported failures to
 * become visible again (and, after enough tries, go to the dead-letter queue).
 */
final class SqsPoller implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SqsPoller.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final Function<SQSEvent, SQSBatchResponse> handler;
    private volatile boolean running = true;

    private final Faults faults;

    SqsPoller(SqsClient sqs, String queueUrl, String queueArn, Function<SQSEvent, SQSBatchResponse> handler) {
        this(sqs, queueUrl, queueArn, handler, Faults.NONE);
    }

    /** @param faults may deliver each batch more than once, as SQS's at-least-once delivery may */
    SqsPoller(SqsClient sqs, String queueUrl, String queueArn, Function<SQSEvent, SQSBatchResponse> handler, Faults faults) {
        this.faults = faults;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.handler = handler;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running) log.warn("queue {} poll failed: {}", queueArn, e.toString());
            }
        }
    }

    /** One receive, one handler call, deletes of what succeeded; returns how many messages came. */
    int pollOnce() {
        return pollOnce(1, false);
    }

    /**
     * @param waitSeconds    how long to wait for a message when none is there
     * @param releaseOnCrash if the handler dies or reports messages failed, make them visible again at
     *                       once (what the visibility timeout does later), so a test can go on to the
     *                       redelivery
     */
    int pollOnce(int waitSeconds, boolean releaseOnCrash) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) return 0;
        SQSBatchResponse response;
        try {
            int duplicates = faults.deliveries() - 1;
            for (int i = 0; i < duplicates; i++) handler.apply(toEvent(messages));
            response = handler.apply(toEvent(messages));
        } catch (RuntimeException | Error crash) {
            if (releaseOnCrash) {
                for (Message message : messages) {
                    sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                }
            }
            throw crash;
        }
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            } else if (releaseOnCrash) {
                sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
            }
        }
        return messages.size();
    }

    private SQSEvent toEvent(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            message.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            record.setAttributes(attributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion("us-east-1");
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
