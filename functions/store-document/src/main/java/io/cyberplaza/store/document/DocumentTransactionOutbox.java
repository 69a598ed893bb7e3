package io.cyberplaza.store.document;

import io.cyberplaza.core.store.ConditionFailedException;
import io.cyberplaza.core.tx.NonceLease;
import io.cyberplaza.core.tx.OutboxTransaction;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.store.document.DocumentStore.DocumentKey;
import io.cyberplaza.store.document.DocumentTable.Stored;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A sender's lease and its transactions share the sender's partition, so a new transaction and the nonce it takes commit together. */
final class DocumentTransactionOutbox implements TransactionOutbox {
    private static final String LEASE_ROW = "LEASE";
    /** Final transactions stay readable for audits this long, then expire. */
    private static final Duration FINAL_RETENTION = Duration.ofDays(90);

    private final DocumentTable<NonceLease> leases;
    private final DocumentTable<OutboxTransaction> transactions;

    DocumentTransactionOutbox(DocumentStore store, String collection, Clock clock) {
        this.leases = new DocumentTable<>(store, collection, NonceLease.class, lease -> new DocumentKey(lease.sender(), LEASE_ROW));
        this.transactions = new DocumentTable<>(store, collection, OutboxTransaction.class, tx -> txKey(tx.sender(), tx.id()), tx -> {
            Map<String, Object> fields = new HashMap<>();
            // Only unfinished transactions carry their sender here: the pending query reads no history.
            fields.put("pendingSender", tx.status().isFinal() ? "" : tx.sender());
            if (tx.status().isFinal()) fields.put(DocumentStores.EXPIRES_AT, clock.instant().plus(FINAL_RETENTION));
            return fields;
        });
    }

    private static DocumentKey txKey(String sender, String id) {
        return new DocumentKey(sender, "TX#" + id);
    }

    private static DocumentKey leaseKey(String sender) {
        return new DocumentKey(sender, LEASE_ROW);
    }

    @Override
    public Optional<NonceLease> acquireLease(String sender, String owner, long nowMillis, long ttlMillis, long chainNonce) {
        Optional<Stored<NonceLease>> current = leases.get(leaseKey(sender));
        if (current.isEmpty()) {
            NonceLease first = new NonceLease(sender, owner, nowMillis + ttlMillis, chainNonce, 1);
            return leases.create(first) ? Optional.of(first) : Optional.empty();
        }
        NonceLease held = current.get().value();
        boolean heldByOther = !held.owner().isEmpty() && !held.owner().equals(owner) && held.expiresAtMillis() > nowMillis;
        if (heldByOther) return Optional.empty();
        NonceLease taken = new NonceLease(sender, owner, nowMillis + ttlMillis, held.nextNonce(), held.version() + 1);
        return leases.replace(current.get(), taken) ? Optional.of(taken) : Optional.empty();
    }

    @Override
    public void releaseLease(String sender, String owner) {
        leases.get(leaseKey(sender)).filter(stored -> stored.value().owner().equals(owner)).ifPresent(stored -> {
            NonceLease held = stored.value();
            // Losing this write means someone took over an expired lease: nothing of ours is left to release.
            leases.replace(stored, new NonceLease(sender, "", 0, held.nextNonce(), held.version() + 1));
        });
    }

    @Override
    public NonceLease recordNew(NonceLease lease, OutboxTransaction transaction) {
        NonceLease advanced = new NonceLease(lease.sender(), lease.owner(), lease.expiresAtMillis(), transaction.nonce() + 1, lease.version() + 1);
        Optional<Stored<NonceLease>> current = leases.get(leaseKey(lease.sender()))
                .filter(stored -> stored.value().version() == lease.version() && stored.value().owner().equals(lease.owner()));
        boolean recorded = current.isPresent() && leases.commit(List.of(
                transactions.createWrite(transaction), leases.replaceWrite(current.get(), advanced)));
        if (!recorded) {
            throw new ConditionFailedException("transaction " + transaction.id() + " exists or the lease of " + lease.sender() + " is no longer held");
        }
        return advanced;
    }

    @Override
    public Optional<OutboxTransaction> find(String sender, String id) {
        return transactions.find(txKey(sender, id));
    }

    @Override
    public List<OutboxTransaction> pending(String sender) {
        return transactions.where("pendingSender", sender).stream()
                .filter(tx -> !tx.status().isFinal())
                .sorted(Comparator.comparingLong(OutboxTransaction::nonce)).toList();
    }

    @Override
    public boolean replace(OutboxTransaction expected, OutboxTransaction next) {
        return transactions.replaceIf(txKey(expected.sender(), expected.id()), stored -> stored.version() == expected.version(), next);
    }
}
