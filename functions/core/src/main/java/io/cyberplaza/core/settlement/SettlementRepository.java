package io.cyberplaza.core.settlement;

import java.util.List;
import java.util.Optional;

/** Port: the Settlements table, one row per order. */
public interface SettlementRepository {

    /** Inserts the split; fails with ConditionFailedException if the order already has one. */
    void create(Settlement settlement);

    Optional<Settlement> find(String orderId);

    /** @return false if the stored row is no longer at expected's status and version */
    boolean replace(Settlement expected, Settlement next);

    List<Settlement> findByStatus(SettlementStatus status);

    /**
     * The CONFIRMED splits whose payout is released in {@code [fromSecond, toSecond)} (epoch seconds):
     * what became final in a rewards epoch.
     */
    List<Settlement> findConfirmedReleasedBetween(long fromSecond, long toSecond);

    /** Every split that names {@code provider} (lower-case) as its payee. */
    List<Settlement> findByProvider(String provider);
}
