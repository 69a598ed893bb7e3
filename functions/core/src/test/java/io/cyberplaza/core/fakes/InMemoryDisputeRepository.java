package io.cyberplaza.core.fakes;

import io.cyberplaza.core.dispute.Dispute;
import io.cyberplaza.core.dispute.DisputeRepository;
import io.cyberplaza.core.store.ConditionFailedException;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

public final class InMemoryDisputeRepository implements DisputeRepository {
    private final ConcurrentMap<String, Dispute> disputes = new ConcurrentHashMap<>();

    @Override
    public void create(Dispute dispute) {
        if (disputes.putIfAbsent(dispute.disputeId(), dispute) != null) throw new ConditionFailedException(dispute.disputeId() + " exists");
    }

    @Override
    public Optional<Dispute> find(String disputeId) {
        return Optional.ofNullable(disputes.get(disputeId));
    }

    @Override
    public boolean replace(Dispute expected, Dispute next) {
        boolean[] replaced = {false};
        disputes.computeIfPresent(expected.disputeId(), (id, stored) -> {
            if (stored.version() != expected.version()) return stored;
            replaced[0] = true;
            return next;
        });
        return replaced[0];
    }

    @Override
    public List<Dispute> findByProvider(String provider) {
        return disputes.values().stream().filter(d -> provider.equals(d.provider()))
                .sorted(Comparator.comparing(Dispute::openedAt).reversed()).toList();
    }

    @Override
    public List<Dispute> findByStatus(Dispute.DisputeStatus status) {
        return disputes.values().stream().filter(d -> d.status() == status).toList();
    }
}
