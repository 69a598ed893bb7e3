package io.cyberplaza.queue.sqs;

import io.cyberplaza.core.queue.OrderMessage;
import io.cyberplaza.core.queue.WorkQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The work queue against ElasticMQ: messages, their shape, and the dead-letter redrive. */
class SqsWorkQueueTest {
    private static EmbeddedSqs server;
    private static SqsClient sqs;
    private static final QueueNames NAMES = new QueueNames("test-");
    private static final String ORDER = "0x" + "ab".repeat(32);

    @BeforeAll
    static void start() {
        server = EmbeddedSqs.start();
        sqs = server.client();
        SqsQueues.createMissing(sqs, NAMES);
        SqsQueues.createMissing(sqs, NAMES); // idempotent
    }

    @AfterAll
    static void stop() {
        sqs.close();
        server.close();
    }

    private static List<Message> receive(String url, int visibility) {
        return sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1).visibilityTimeout(visibility)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
    }

    @Test
    void aSentOrderArrivesOnItsTopicsQueue() {
        SqsWorkQueue queue = new SqsWorkQueue(sqs, NAMES);
        queue.send(WorkQueue.Topic.PROVISION, ORDER, "provision:" + ORDER);
        List<Message> received = receive(queue.urlOf(WorkQueue.Topic.PROVISION), 30);
        assertThat(received).hasSize(1);
        assertThat(OrderMessage.decode(received.getFirst().body())).isEqualTo(ORDER);
        assertThat(received.getFirst().messageAttributes().get("dedupKey").stringValue()).isEqualTo("provision:" + ORDER);
        assertThat(receive(queue.urlOf(WorkQueue.Topic.SETTLE), 30)).isEmpty();
        sqs.deleteMessage(r -> r.queueUrl(queue.urlOf(WorkQueue.Topic.PROVISION)).receiptHandle(received.getFirst().receiptHandle()));
    }

    @Test
    void aMessageThatKeepsFailingIsParkedInTheDeadLetterQueue() {
        SqsWorkQueue queue = new SqsWorkQueue(sqs, NAMES);
        queue.send(WorkQueue.Topic.SETTLE, ORDER, "settle:" + ORDER);
        String url = queue.urlOf(WorkQueue.Topic.SETTLE);
        for (int attempt = 1; attempt <= SqsQueues.MAX_RECEIVES; attempt++) {
            assertThat(receive(url, 0)).as("attempt %d", attempt).hasSize(1); // received, never deleted: a failure
        }
        assertThat(receive(url, 0)).isEmpty();
        String dlq = sqs.getQueueUrl(r -> r.queueName(NAMES.deadLetterOf(WorkQueue.Topic.SETTLE))).queueUrl();
        assertThat(receive(dlq, 30)).extracting(m -> OrderMessage.decode(m.body())).containsExactly(ORDER);
    }

    @Test
    void onlyWellFormedWorkMessagesAreAccepted() {
        assertThat(OrderMessage.decode(OrderMessage.encode(ORDER))).isEqualTo(ORDER);
        for (String bad : new String[]{null, "", "{}", "{\"orderId\":\"0x12\"}", "{\"orderId\":\"" + ORDER + "\",\"x\":1}"}) {
            assertThatThrownBy(() -> OrderMessage.decode(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
