package io.cyberplaza.core.settlement;

import java.util.List;
import java.util.OptionalLong;

/**
 * Port: the escrow as settlement needs it. {@code txId} is the idempotency key: submitting the same
 * id again returns without sending a second transaction.
 */
public interface EscrowSettler {

    /** Sends one settlement transaction for the batch; {@link Rejected} if the chain refuses it before anything is recorded. */
    void submit(String txId, List<Settlement> batch);

    /** Whether a transaction with this id has been recorded (sent or about to be). */
    boolean isRecorded(String txId);

    /**
     * Whether the transaction recorded under this id settles {@code orderId}: a batch's rows are marked
     * one by one, so a reader that caught them half re-marked may have sent the id without some of them.
     */
    boolean carries(String txId, String orderId);

    /** Whether the transaction recorded under this id was mined and reverted. */
    boolean isReverted(String txId);

    /**
     * Sends the transaction recorded under this id again if it was mined and a reorganisation deeper
     * than the confirmations has since taken it off the chain; true if it did.
     */
    boolean resendIfDropped(String txId);

    /** What the escrow holds for {@code owner}'s order while it is open (funded, unsettled); empty once it is closed. */
    OptionalLong openBalance(String owner, String orderId);

    /** The chain refused the transaction before a nonce was used: it would revert as it stands. */
    final class Rejected extends RuntimeException {
        public Rejected(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
