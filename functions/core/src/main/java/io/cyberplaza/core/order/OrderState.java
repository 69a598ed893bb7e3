package io.cyberplaza.core.order;

import java.util.EnumSet;
import java.util.Set;

/** The order lifecycle of DESIGN.md section 5. Each state lists the states it may move to. */
public enum OrderState {
    QUOTED,
    FUNDED,
    PROVISIONING,
    RUNNING,
    STOPPING,
    COMPLETED,
    EXPIRED,
    /** The launch failed for good: the order is settled with a full refund. */
    PROVISION_FAILED,
    SETTLING,
    SETTLED,
    DISPUTED,
    RESOLVED,
    /**
     * The owner took the escrow back on chain (after its reclaim deadline) before the platform settled
     * it: the order is over, its resource stopped, nothing paid. Operators see it, with its usage, when
     * compute had already run.
     */
    RECLAIMED;

    private Set<OrderState> next;

    static {
            // From any state before SETTLED: RECLAIMED when the owner takes the escrow back, DISPUTED when a
        // settlement the platform never made takes it (the order then follows the guardian's dispute).
        QUOTED.next = EnumSet.of(FUNDED, EXPIRED, RECLAIMED, DISPUTED);
        // Back to QUOTED only when a reorg takes the funding deposit away before provisioning.
        FUNDED.next = EnumSet.of(PROVISIONING, SETTLING, QUOTED, RECLAIMED, DISPUTED);
        PROVISIONING.next = EnumSet.of(RUNNING, PROVISION_FAILED, SETTLING, RECLAIMED, DISPUTED);
        RUNNING.next = EnumSet.of(STOPPING, COMPLETED, SETTLING, RECLAIMED, DISPUTED);
        STOPPING.next = EnumSet.of(COMPLETED, SETTLING, RECLAIMED, DISPUTED);
        COMPLETED.next = EnumSet.of(SETTLING, RECLAIMED, DISPUTED);
        EXPIRED.next = EnumSet.of(SETTLING, RECLAIMED, DISPUTED);
        PROVISION_FAILED.next = EnumSet.of(SETTLING, RECLAIMED, DISPUTED);
        SETTLING.next = EnumSet.of(SETTLED, RECLAIMED, DISPUTED);
        // Back to SETTLING only when a reorg takes the settlement transaction away.
        SETTLED.next = EnumSet.of(DISPUTED, SETTLING);
        DISPUTED.next = EnumSet.of(RESOLVED);
        RESOLVED.next = EnumSet.noneOf(OrderState.class);
        RECLAIMED.next = EnumSet.noneOf(OrderState.class);
    }

    public boolean canMoveTo(OrderState target) {
        return next.contains(target);
    }

    /**
     * Whether the platform may have stored a settlement for an order in this state: one is made only
     * for an order SETTLING, and no state after SETTLING leads back before it, so the earlier states
     * never have one (an order's page need not look).
     */
    public boolean mayHaveSettlement() {
        return this == SETTLING || this == SETTLED || this == DISPUTED || this == RESOLVED || this == RECLAIMED;
    }

    public boolean isTerminal() {
        return next.isEmpty();
    }
}
