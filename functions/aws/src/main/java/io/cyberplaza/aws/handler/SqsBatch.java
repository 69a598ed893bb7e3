package io.cyberplaza.aws.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cyberplaza.core.queue.OrderMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Partial batch failures (ReportBatchItemFailures): only the messages that failed come back. A body
 * that is not a work message is dropped with a log line, since retrying it can never succeed.
 */
final class SqsBatch {
    private static final Logger log = LoggerFactory.getLogger(SqsBatch.class);

    private SqsBatch() {
    }

    /** Order ids by message id, in delivery order, malformed messages left out. */
    static Map<String, String> orderIds(SQSEvent event) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                ids.put(message.getMessageId(), OrderMessage.decode(message.getBody()));
            } catch (IllegalArgumentException malformed) {
                log.error("dropping message {}: not a work message", message.getMessageId());
            }
        }
        return ids;
    }

    static SQSBatchResponse eachOrder(SQSEvent event, Consumer<String> work) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        orderIds(event).forEach((messageId, orderId) -> {
            try {
                work.accept(orderId);
            } catch (RuntimeException e) {
                log.warn("order {} failed and will be retried: {}", orderId, e.toString());
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(messageId).build());
            }
        });
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    static SQSBatchResponse allFailed(Map<String, String> ids) {
        return SQSBatchResponse.builder().withBatchItemFailures(ids.keySet().stream()
                .map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build()).toList()).build();
    }
}
