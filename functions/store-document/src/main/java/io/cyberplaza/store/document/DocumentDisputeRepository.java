package io.cyberplaza.store.document;

import io.cyberplaza.core.dispute.Dispute;
import io.cyberplaza.core.dispute.DisputeRepository;
import io.cyberplaza.core.store.ConditionFailedException;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class DocumentDisputeRepository implements DisputeRepository {
    private final DocumentTable<Dispute> disputes;

    DocumentDisputeRepository(DocumentStore store, String collection) {
        this.disputes = new DocumentTable<>(store, collection, Dispute.class, dispute -> DocumentTable.single(dispute.disputeId()),
                DocumentDisputeRepository::indexed);
    }

    @Override
    public void create(Dispute dispute) {
        if (!disputes.create(dispute)) throw new ConditionFailedException("dispute " + dispute.disputeId() + " exists");
    }

    @Override
    public Optional<Dispute> find(String disputeId) {
        return disputes.find(DocumentTable.single(disputeId));
    }

    @Override
    public boolean replace(Dispute expected, Dispute next) {
        return disputes.replaceIf(DocumentTable.single(expected.disputeId()), stored -> stored.version() == expected.version(), next);
    }

    @Override
    public List<Dispute> findByProvider(String provider) {
        return disputes.where("provider", provider).stream().sorted(Comparator.comparing(Dispute::openedAt).reversed()).toList();
    }

    @Override
    public List<Dispute> findByStatus(Dispute.DisputeStatus status) {
        return disputes.where("status", status.name()).stream().sorted(Comparator.comparing(Dispute::openedAt)).toList();
    }

    private static Map<String, Object> indexed(Dispute dispute) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("status", dispute.status().name());
        if (dispute.provider() != null) fields.put("provider", dispute.provider());
        return fields;
    }
}
