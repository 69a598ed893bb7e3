package io.cyberplaza.core.tx;

import java.util.List;
import java.util.Optional;

/** Port: the TxOutbox table, the record of every transaction and each sender's nonce lease. */
public interface TransactionOutbox {

    /**
     * Takes or renews the sender's lease for {@code owner} if it is free, expired or already
     * {@code owner}'s. The first lease of a sender starts at {@code chainNonce}.
     *
     * @return the lease held, or empty if another worker holds it
     */
    Optional<NonceLease> acquireLease(String sender, String owner, long nowMillis, long ttlMillis, long chainNonce);

    /** Frees the lease if {@code owner} still holds it. */
    void releaseLease(String sender, String owner);

    /**
     * Atomically records a new transaction and advances the lease's next nonce past it. Fails with
     * ConditionFailedException if the id exists or the lease is no longer held at that version.
     *
     * @return the lease after the nonce was consumed
     */
    NonceLease recordNew(NonceLease lease, OutboxTransaction transaction);

    Optional<OutboxTransaction> find(String sender, String id);

    /** Transactions of a sender that are not final yet, by ascending nonce. */
    List<OutboxTransaction> pending(String sender);

    /** @return false if the stored transaction is no longer at {@code expected}'s version */
    boolean replace(OutboxTransaction expected, OutboxTransaction next);
}
