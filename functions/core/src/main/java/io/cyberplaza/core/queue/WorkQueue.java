package io.cyberplaza.core.queue;

/**
 * Port: the queues between functions (a funded order goes to provisioning, an ended one to
 * settlement). Delivery is at least once, so every consumer is idempotent; {@code dedupKey}
 * lets queues that can de-duplicate (SQS FIFO) do so.
 */
public interface WorkQueue {

    enum Topic {
        PROVISION,
        SETTLE
    }

    void send(Topic topic, String orderId, String dedupKey);
}
