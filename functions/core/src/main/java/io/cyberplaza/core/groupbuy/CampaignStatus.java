package io.cyberplaza.core.groupbuy;

/** A campaign takes pledges while OPEN; closing decides it; a decided campaign is settled once. */
public enum CampaignStatus {
    OPEN,
    /** Closed with at least the minimum pledged: the final tier's price is fixed. */
    SUCCEEDED,
    /** Closed short of the minimum: every pledge is refunded in full. */
    FAILED,
    /** Every pledge settled on chain (allocated and refunded, or refunded). */
    SETTLED;

    public boolean isClosed() {
        return this != OPEN;
    }
}
