package io.cyberplaza.core.money;

import java.time.Duration;

/**
 * A service provider's tier: the platform fee it pays (2-5 %) and how long its payouts are held for
 * disputes. Better-established providers pay less and wait less.
 */
public enum FeeTier {
    BASIC(500, Duration.ofHours(72)),
    VERIFIED(400, Duration.ofHours(72)),
    CERTIFIED(300, Duration.ofHours(48)),
    PARTNER(200, Duration.ofHours(24));

    private final int feeBps;
    private final Duration disputeWindow;

    FeeTier(int feeBps, Duration disputeWindow) {
        this.feeBps = feeBps;
        this.disputeWindow = disputeWindow;
    }

    /** The fee in basis points of the cost (1 bp = 0.01 %). */
    /** Certified providers and partners carry the certified badge. */
    public boolean isCertified() {
        return this == CERTIFIED || this == PARTNER;
    }

    public int feeBps() {
        return feeBps;
    }

    public Duration disputeWindow() {
        return disputeWindow;
    }
}
