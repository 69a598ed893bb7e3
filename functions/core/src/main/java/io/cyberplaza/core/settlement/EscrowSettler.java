package io.cyberplaza.core.settlement;

import java.util.List;

/**
 * Port: sends one settlement transaction for a batch to the escrow. {@code txId} is the
 * idempotency key: submitting the same id again returns without sending a second transaction.
 */
public interface EscrowSettler {

    void submit(String txId, List<Settlement> batch);

    /** Whether a transaction with this id has been recorded (sent or about to be). */
    boolean isRecorded(String txId);
}
