package io.cyberplaza.core.quote;

import io.cyberplaza.core.order.OrderTerms;
import io.cyberplaza.core.order.Workload;

import java.time.Instant;
import java.util.Objects;

/**
 * A price promise to one buyer: the terms (price fixed now), the estimate for the purchased time,
 * and the escrow amount = estimate + contingency. It expires; an order made from it keeps its terms.
 * It records the market it was priced against ({@link PriceSnapshot}).
 */
public record Quote(
        String quoteId,
        String owner,
        OrderTerms terms,
        Workload workload,
        long estimate,
        long contingency,
        Instant createdAt,
        Instant expiresAt,
        PriceSnapshot priceSnapshot) {

    public Quote {
        Objects.requireNonNull(quoteId, "quoteId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(priceSnapshot, "priceSnapshot");
        if (estimate <= 0 || contingency < 0) throw new IllegalArgumentException("invalid quote amounts");
    }

    public long escrowAmount() {
        return Math.addExact(estimate, contingency);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
