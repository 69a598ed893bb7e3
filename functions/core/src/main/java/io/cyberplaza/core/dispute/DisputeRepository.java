package io.cyberplaza.core.dispute;

import java.util.List;
import java.util.Optional;

/** Port: the Disputes table, one row per disputed order. */
public interface DisputeRepository {

    /** Inserts the dispute; fails with ConditionFailedException if the order already has one. */
    void create(Dispute dispute);

    Optional<Dispute> find(String disputeId);

    /** @return false if the stored row is no longer at expected's version */
    boolean replace(Dispute expected, Dispute next);

    /** The disputes over payouts to {@code provider}, newest first. */
    List<Dispute> findByProvider(String provider);

    List<Dispute> findByStatus(Dispute.DisputeStatus status);
}
