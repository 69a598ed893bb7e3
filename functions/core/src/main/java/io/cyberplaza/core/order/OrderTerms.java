package io.cyberplaza.core.order;

import io.cyberplaza.provisioner.MachineSpec;

import java.util.Objects;

/**
 * What the quote fixed for the order's whole life: price, quantity, purchased time, fee and the
 * provider's payout terms. Later price changes never touch an order's terms.
 *
 * @param pricePerHour         micro-USDC per hour per unit
 * @param purchasedSeconds     the most time the order can bill; the workload is stopped then
 * @param feeBps               platform fee in basis points of the cost
 * @param disputeWindowSeconds how long the provider's payout is held after the order ends
 * @param machine              the cloud machine of a public-cloud offer, fixed with the price; else null
 * @param feeDiscountBps       the buyer's veCPT discount, in basis points of the fee: the platform keeps that much
 *                             less and the buyer is refunded it; the provider's payout is the same either way
 */
public record OrderTerms(
        String offerId,
        String provider,
        String provisioner,
        long pricePerHour,
        int units,
        long purchasedSeconds,
        int feeBps,
        long disputeWindowSeconds,
        MachineSpec machine,
        int feeDiscountBps) {

    public OrderTerms(String offerId, String provider, String provisioner, long pricePerHour, int units, long purchasedSeconds,
                      int feeBps, long disputeWindowSeconds, MachineSpec machine) {
        this(offerId, provider, provisioner, pricePerHour, units, purchasedSeconds, feeBps, disputeWindowSeconds, machine, 0);
    }

    /** Terms of a workload order: no cloud machine. */
    public OrderTerms(String offerId, String provider, String provisioner, long pricePerHour, int units, long purchasedSeconds,
                      int feeBps, long disputeWindowSeconds) {
        this(offerId, provider, provisioner, pricePerHour, units, purchasedSeconds, feeBps, disputeWindowSeconds, null, 0);
    }

    public OrderTerms {
        Objects.requireNonNull(offerId, "offerId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(provisioner, "provisioner");
        if (pricePerHour <= 0 || units < 1 || purchasedSeconds < 1) throw new IllegalArgumentException("invalid order terms");
        if (feeBps < 0 || feeBps > 10_000 || disputeWindowSeconds < 0) throw new IllegalArgumentException("invalid fee terms");
        if (feeDiscountBps < 0 || feeDiscountBps > 10_000) throw new IllegalArgumentException("invalid fee discount");
    }

    public OrderTerms withFeeDiscount(int discountBps) {
        return new OrderTerms(offerId, provider, provisioner, pricePerHour, units, purchasedSeconds, feeBps, disputeWindowSeconds, machine,
                discountBps);
    }
}
