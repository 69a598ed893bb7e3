package io.cyberplaza.core.tx;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A transaction the platform has decided to send, recorded before it is broadcast so that a crash
 * can neither send it twice (the nonce is fixed once recorded) nor forget it (it stays pending here).
 *
 * @param id       the caller's idempotency key, e.g. {@code settle:<batch id>}
 * @param attempts every signed version, oldest first; any one of them may be the one that is mined
 */
public record OutboxTransaction(
        String id,
        String sender,
        long chainId,
        String to,
        String data,
        BigInteger value,
        long nonce,
        BigInteger gasLimit,
        List<TxAttempt> attempts,
        TxStatus status,
        String minedTxHash,
        Long minedBlock,
        BigInteger gasUsed,
        long version) {

    public OutboxTransaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(status, "status");
        attempts = List.copyOf(attempts);
        if (attempts.isEmpty()) throw new IllegalArgumentException("a recorded transaction has at least one signed attempt");
    }

    public TxAttempt latestAttempt() {
        return attempts.getLast();
    }

    public OutboxTransaction withStatus(TxStatus next) {
        return new OutboxTransaction(id, sender, chainId, to, data, value, nonce, gasLimit, attempts, next,
                minedTxHash, minedBlock, gasUsed, version + 1);
    }

    public OutboxTransaction withAttempt(TxAttempt attempt) {
        List<TxAttempt> all = new ArrayList<>(attempts);
        all.add(attempt);
        return new OutboxTransaction(id, sender, chainId, to, data, value, nonce, gasLimit, all, status,
                minedTxHash, minedBlock, gasUsed, version + 1);
    }

    /** Pending again: the block that mined it is no longer on the chain (a reorganisation deeper than the confirmations). */
    public OutboxTransaction reopened() {
        return new OutboxTransaction(id, sender, chainId, to, data, value, nonce, gasLimit, attempts, TxStatus.SIGNED, null, null, null,
                version + 1);
    }

    public OutboxTransaction mined(String txHash, long block, BigInteger used, boolean succeeded) {
        return new OutboxTransaction(id, sender, chainId, to, data, value, nonce, gasLimit, attempts,
                succeeded ? TxStatus.CONFIRMED : TxStatus.REVERTED, txHash, block, used, version + 1);
    }
}
