package io.cyberplaza.store.document;

import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.settlement.SettlementStatus;
import io.cyberplaza.core.store.ConditionFailedException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

final class DocumentSettlementRepository implements SettlementRepository {
    private final DocumentTable<Settlement> settlements;

    DocumentSettlementRepository(DocumentStore store, String collection) {
        this.settlements = new DocumentTable<>(store, collection, Settlement.class,
                settlement -> DocumentTable.single(settlement.orderId()), DocumentSettlementRepository::indexed);
    }

    @Override
    public void create(Settlement settlement) {
        if (!settlements.create(settlement)) throw new ConditionFailedException("settlement of " + settlement.orderId() + " exists");
    }

    @Override
    public Optional<Settlement> find(String orderId) {
        return settlements.find(DocumentTable.single(orderId));
    }

    @Override
    public boolean replace(Settlement expected, Settlement next) {
        return settlements.replaceIf(DocumentTable.single(expected.orderId()),
                stored -> stored.status() == expected.status() && stored.version() == expected.version(), next);
    }

    @Override
    public List<Settlement> findByStatus(SettlementStatus status) {
        return settlements.where("status", status.name());
    }

    @Override
    public List<Settlement> findConfirmedReleasedBetween(long fromSecond, long toSecond) {
        // Table storage and Firestore filter on one field here; the window is applied to what they return.
        return settlements.where("status", SettlementStatus.CONFIRMED.name()).stream()
                .filter(s -> s.releaseAt() >= fromSecond && s.releaseAt() < toSecond).toList();
    }

    @Override
    public List<Settlement> findByProvider(String provider) {
        return settlements.where("provider", provider);
    }

    private static Map<String, Object> indexed(Settlement settlement) {
        // A full refund names no provider: such a split is found by status only.
        return settlement.provider() == null ? Map.of("status", settlement.status().name())
                : Map.of("status", settlement.status().name(), "provider", settlement.provider());
    }
}
