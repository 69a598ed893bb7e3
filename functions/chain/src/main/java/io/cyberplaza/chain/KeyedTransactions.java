package io.cyberplaza.chain;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.rewards.RewardsChain;
import io.cyberplaza.core.tx.OutboxTransaction;
import io.cyberplaza.core.tx.TransactionOutbox;
import org.web3j.protocol.core.RemoteFunctionCall;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One key's transactions, each under an idempotency key, as the scheduled token jobs (rewards, the fee
 * split) send them: a transaction the chain would refuse is {@link RewardsChain.Refused}, one that
 * could not be sent now is {@link RewardsChain.NotSentYet}, and each one's outcome is read from the
 * outbox brought up to date with the chain. The sender is asked for only when a transaction is, so
 * code that only reads never reads the key.
 */
public final class KeyedTransactions {
    private final Supplier<TransactionSender> sender;
    private final TransactionOutbox outbox;

    public KeyedTransactions(Supplier<TransactionSender> sender, TransactionOutbox outbox) {
        this.sender = sender;
        this.outbox = outbox;
    }

    public void send(String txId, String to, String data) {
        try {
            sender.get().submit(txId, to, data);
        } catch (TransactionRejectedException e) {
            throw new RewardsChain.Refused(e.getMessage(), e);
        } catch (SenderBusyException | IOException e) {
            throw new RewardsChain.NotSentYet("could not send " + txId + ": " + e.getMessage(), e);
        }
    }

    public RewardsChain.Outcome outcome(String txId) {
        TransactionSender current = sender.get();
        Optional<OutboxTransaction> recorded = outbox.find(current.sender(), txId);
        if (recorded.isEmpty()) return RewardsChain.Outcome.NONE;
        OutboxTransaction latest;
        try {
            latest = current.reconcile(recorded.get());
        } catch (IOException unreachable) {
            latest = recorded.get();
        }
        return switch (latest.status()) {
            case CONFIRMED -> RewardsChain.Outcome.CONFIRMED;
            case REVERTED -> RewardsChain.Outcome.REVERTED;
            case SIGNED, SENT -> RewardsChain.Outcome.PENDING;
        };
    }

    /** A contract read; a node that cannot answer now is {@code CHAIN_UNAVAILABLE}, never a 500. */
    public static <T> T read(RemoteFunctionCall<T> call, String what) {
        try {
            return call.send();
        } catch (Exception e) {
            throw new DomainException(ErrorType.CHAIN_UNAVAILABLE, what + " could not be read from the chain just now; retry shortly");
        }
    }
}
