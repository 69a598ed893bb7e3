package io.cyberplaza.core.order;

/** Why an order stopped running (or never ran); decides how its escrow is split. */
public enum EndReason {
    /** The buyer completed it. */
    USER_COMPLETED,
    /** The purchased time ran out. */
    TIME_UP,
    /** The escrow could pay for no more time. */
    ESCROW_EXHAUSTED,
    /** The provider reported the resource gone (the workload finished or was terminated). */
    RESOURCE_GONE,
    /** The resource failed: a failure within the SLA grace period refunds everything. */
    RESOURCE_FAILED,
    /** Nothing ran: the order expired or was cancelled before it started. Everything is refunded. */
    NEVER_STARTED,
    /** Nothing ran: the vendor refused the launch for good, or had no capacity in any location the offer allows. Everything is refunded. */
    PROVISION_FAILED,
    /** The owner took the escrow back on chain before the platform settled it: nothing more is paid for. */
    RECLAIMED,
    /**
     * A settlement the platform never made (a stolen settler key) took the escrow's money: nothing more
     * runs, and the dispute the guardian's freeze opens decides where the money goes.
     */
    ROGUE_SETTLEMENT;

    /** Whether the order never ran, so nothing of it is billed. */
    public boolean neverRan() {
        return this == NEVER_STARTED || this == PROVISION_FAILED;
    }
}
