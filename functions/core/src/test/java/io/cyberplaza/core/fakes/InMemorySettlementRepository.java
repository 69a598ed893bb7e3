package io.cyberplaza.core.fakes;

import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.settlement.SettlementStatus;
import io.cyberplaza.core.store.ConditionFailedException;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

public final class InMemorySettlementRepository implements SettlementRepository {
    private final ConcurrentMap<String, Settlement> settlements = new ConcurrentHashMap<>();

    @Override
    public void create(Settlement settlement) {
        if (settlements.putIfAbsent(settlement.orderId(), settlement) != null) {
            throw new ConditionFailedException("settlement of " + settlement.orderId() + " exists");
        }
    }

    @Override
    public Optional<Settlement> find(String orderId) {
        return Optional.ofNullable(settlements.get(orderId));
    }

    @Override
    public boolean replace(Settlement expected, Settlement next) {
        boolean[] replaced = {false};
        settlements.computeIfPresent(expected.orderId(), (id, stored) -> {
            if (stored.status() == expected.status() && stored.version() == expected.version()) {
                replaced[0] = true;
                return next;
            }
            return stored;
        });
        return replaced[0];
    }

    @Override
    public List<Settlement> findByStatus(SettlementStatus status) {
        return settlements.values().stream().filter(s -> s.status() == status).toList();
    }

    @Override
    public List<Settlement> findConfirmedReleasedBetween(long fromSecond, long toSecond) {
        return settlements.values().stream().filter(s -> s.status() == SettlementStatus.CONFIRMED)
                .filter(s -> s.releaseAt() >= fromSecond && s.releaseAt() < toSecond).toList();
    }

    @Override
    public List<Settlement> findByProvider(String provider) {
        return settlements.values().stream().filter(s -> provider.equals(s.provider())).toList();
    }
}
