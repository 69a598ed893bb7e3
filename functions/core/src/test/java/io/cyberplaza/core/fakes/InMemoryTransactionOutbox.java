package io.cyberplaza.core.fakes;

import io.cyberplaza.core.store.ConditionFailedException;
import io.cyberplaza.core.tx.NonceLease;
import io.cyberplaza.core.tx.OutboxTransaction;
import io.cyberplaza.core.tx.TransactionOutbox;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outbox port in memory; one lock stands in for DynamoDB's transactional conditions. */
public final class InMemoryTransactionOutbox implements TransactionOutbox {
    private final Map<String, NonceLease> leases = new HashMap<>();
    private final Map<String, OutboxTransaction> transactions = new HashMap<>();

    private static String key(String sender, String id) {
        return sender + "|" + id;
    }

    @Override
    public synchronized Optional<NonceLease> acquireLease(String sender, String owner, long nowMillis, long ttlMillis,
                                                          long chainNonce) {
        NonceLease current = leases.get(sender);
        if (current != null && !current.owner().equals(owner) && current.expiresAtMillis() > nowMillis) {
            return Optional.empty();
        }
        long next = current == null ? chainNonce : current.nextNonce();
        long version = current == null ? 1 : current.version() + 1;
        NonceLease lease = new NonceLease(sender, owner, nowMillis + ttlMillis, next, version);
        leases.put(sender, lease);
        return Optional.of(lease);
    }

    @Override
    public synchronized void releaseLease(String sender, String owner) {
        NonceLease current = leases.get(sender);
        if (current != null && current.owner().equals(owner)) {
            leases.put(sender, new NonceLease(sender, "", 0, current.nextNonce(), current.version() + 1));
        }
    }

    @Override
    public synchronized NonceLease recordNew(NonceLease lease, OutboxTransaction transaction) {
        NonceLease current = leases.get(lease.sender());
        if (current == null || current.version() != lease.version() || !current.owner().equals(lease.owner())) {
            throw new ConditionFailedException("lease of " + lease.sender() + " is no longer held");
        }
        if (transactions.containsKey(key(transaction.sender(), transaction.id()))) {
            throw new ConditionFailedException("transaction " + transaction.id() + " exists");
        }
        transactions.put(key(transaction.sender(), transaction.id()), transaction);
        NonceLease advanced = new NonceLease(lease.sender(), lease.owner(), lease.expiresAtMillis(),
                transaction.nonce() + 1, lease.version() + 1);
        leases.put(lease.sender(), advanced);
        return advanced;
    }

    @Override
    public synchronized Optional<OutboxTransaction> find(String sender, String id) {
        return Optional.ofNullable(transactions.get(key(sender, id)));
    }

    @Override
    public synchronized List<OutboxTransaction> pending(String sender) {
        return transactions.values().stream()
                .filter(tx -> tx.sender().equals(sender) && !tx.status().isFinal())
                .sorted(Comparator.comparingLong(OutboxTransaction::nonce)).toList();
    }

    @Override
    public synchronized boolean replace(OutboxTransaction expected, OutboxTransaction next) {
        String key = key(expected.sender(), expected.id());
        OutboxTransaction stored = transactions.get(key);
        if (stored == null || stored.version() != expected.version()) return false;
        transactions.put(key, next);
        return true;
    }
}
