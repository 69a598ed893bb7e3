package io.cyberplaza.core.contract;

import io.cyberplaza.core.store.ConditionFailedException;
import io.cyberplaza.core.tx.NonceLease;
import io.cyberplaza.core.tx.OutboxTransaction;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.core.tx.TxAttempt;
import io.cyberplaza.core.tx.TxStatus;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class TransactionOutboxContract {

    protected abstract TransactionOutbox outbox();

    private static String randomSender() {
        return "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
    }

    private static OutboxTransaction tx(String sender, String id, long nonce) {
        TxAttempt attempt = new TxAttempt("0xhash-" + id, "0xraw-" + id, BigInteger.TEN, BigInteger.ONE, 1_000L);
        return new OutboxTransaction(id, sender, 31337, "0x00000000000000000000000000000000000000e5", "0xdead",
                BigInteger.ZERO, nonce, BigInteger.valueOf(100_000), List.of(attempt), TxStatus.SIGNED, null, null,
                null, 0);
    }

    @Test
    void oneWorkerHoldsASendersLeaseUntilItExpiresOrIsReleased() {
        TransactionOutbox outbox = outbox();
        String sender = randomSender();
        NonceLease lease = outbox.acquireLease(sender, "worker-a", 1_000, 30_000, 7).orElseThrow();
        assertThat(lease.nextNonce()).isEqualTo(7);
        assertThat(outbox.acquireLease(sender, "worker-b", 2_000, 30_000, 7)).isEmpty();
        assertThat(outbox.acquireLease(sender, "worker-a", 2_000, 30_000, 7)).isPresent();
        // Expired: another worker may take over, and keeps the nonce counter.
        NonceLease taken = outbox.acquireLease(sender, "worker-b", 40_000, 30_000, 0).orElseThrow();
        assertThat(taken.owner()).isEqualTo("worker-b");
        assertThat(taken.nextNonce()).isEqualTo(7);
        outbox.releaseLease(sender, "worker-a"); // not the holder: no effect
        assertThat(outbox.acquireLease(sender, "worker-a", 41_000, 30_000, 0)).isEmpty();
        outbox.releaseLease(sender, "worker-b");
        assertThat(outbox.acquireLease(sender, "worker-a", 41_000, 30_000, 0)).isPresent();
    }

    @Test
    void recordingConsumesTheNonceAndIsFencedByTheLease() {
        TransactionOutbox outbox = outbox();
        String sender = randomSender();
        NonceLease lease = outbox.acquireLease(sender, "worker-a", 1_000, 30_000, 0).orElseThrow();
        NonceLease after = outbox.recordNew(lease, tx(sender, "settle:1", lease.nextNonce()));
        assertThat(after.nextNonce()).isEqualTo(1);
        // A stale lease (version moved on) cannot record: this is what stops two senders sharing a nonce.
        assertThatThrownBy(() -> outbox.recordNew(lease, tx(sender, "settle:2", 0)))
                .isInstanceOf(ConditionFailedException.class);
        // The same id twice is refused even with a valid lease.
        assertThatThrownBy(() -> outbox.recordNew(after, tx(sender, "settle:1", 1)))
                .isInstanceOf(ConditionFailedException.class);
        NonceLease third = outbox.recordNew(after, tx(sender, "settle:2", 1));
        assertThat(third.nextNonce()).isEqualTo(2);
        assertThat(outbox.pending(sender)).extracting(OutboxTransaction::id).containsExactly("settle:1", "settle:2");
    }

    @Test
    void aTransactionMovesForwardConditionallyAndLeavesPendingWhenFinal() {
        TransactionOutbox outbox = outbox();
        String sender = randomSender();
        NonceLease lease = outbox.acquireLease(sender, "worker-a", 1_000, 30_000, 0).orElseThrow();
        OutboxTransaction signed = tx(sender, "settle:9", 0);
        outbox.recordNew(lease, signed);

        OutboxTransaction sent = signed.withStatus(TxStatus.SENT);
        assertThat(outbox.replace(signed, sent)).isTrue();
        assertThat(outbox.replace(signed, signed.withStatus(TxStatus.SENT))).isFalse();
        OutboxTransaction bumped = sent.withAttempt(new TxAttempt("0xhash-b", "0xraw-b", BigInteger.valueOf(20),
                BigInteger.TWO, 2_000L));
        assertThat(outbox.replace(sent, bumped)).isTrue();
        OutboxTransaction mined = bumped.mined("0xhash-b", 42, BigInteger.valueOf(51_000), true);
        assertThat(outbox.replace(bumped, mined)).isTrue();

        assertThat(outbox.find(sender, "settle:9")).contains(mined);
        assertThat(outbox.pending(sender)).isEmpty();
    }
}
