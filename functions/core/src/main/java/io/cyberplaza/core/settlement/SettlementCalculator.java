package io.cyberplaza.core.settlement;

import io.cyberplaza.core.money.Billing;
import io.cyberplaza.core.order.EndReason;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderTerms;
import io.cyberplaza.core.order.Usage;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides how an ended order's escrow is split (DESIGN.md sections 4 and 5):
 * <ol>
 *   <li>nothing ran (expired, launch failed, late deposit): everything is refunded;</li>
 *   <li>the resource failed within the SLA grace period after start: everything is refunded;</li>
 *   <li>otherwise the buyer pays for the time used, capped at the purchased time, less the time the
 *       resource was unavailable (pro-rata refund of partial failures), and never more than the deposit;</li>
 *   <li>{@code fee = floor(cost * feeBps / 10000)}, {@code provider = cost - fee},
 *       {@code refund = deposit - cost}; the provider's payout is released after the dispute window.</li>
 *   <li>a veCPT holder's discount comes off the platform's fee and back to the buyer:
 *       {@code charged = fee - floor(fee * feeDiscountBps / 10000)}, {@code refund = deposit - provider - charged};
 *       the provider is paid the same.</li>
 * </ol>
 * A provider that meters unit-seconds itself (a batch scheduler's core-seconds over every task of a
 * sweep or workflow) is billed for those, capped at the units times the purchased time of every task;
 * it leaves out the tasks its own faults ended, which is its SLA refund.
 * An order paid by a resource coupon costs its escrow nothing: the vendor was paid for the coupon
 * when its group buy settled, so anything deposited for such an order is refunded.
 */
public final class SettlementCalculator {
    /** A resource that fails this soon after it started is refunded in full. */
    public static final Duration SLA_GRACE = Duration.ofMinutes(5);

    private SettlementCalculator() {
    }

    public static long billableSeconds(OrderTerms terms, Usage usage) {
        if (usage == null || (usage.endReason() != null && usage.endReason().neverRan()) || usage.startedAt() == null) return 0;
        if (usage.endReason() == EndReason.RESOURCE_FAILED && usage.usedSeconds() < SLA_GRACE.toSeconds()) return 0;
        long used = Math.min(usage.usedSeconds(), terms.purchasedSeconds());
        return Math.max(0, used - usage.lostSeconds());
    }

    /** Unit-seconds to bill: what the provider metered, or the units times the billable wall time. */
    public static long billableUnitSeconds(OrderTerms terms, Usage usage) {
        if (usage == null || usage.meteredUnitSeconds() == null) {
            return Math.multiplyExact(billableSeconds(terms, usage), (long) terms.units());
        }
        if ((usage.endReason() != null && usage.endReason().neverRan()) || usage.startedAt() == null) return 0;
        // No whole-order grace here: the provider already bills nothing of a task its own fault ended, and the tasks
        // that ended well were delivered (a sweep with one failed node is not free).
        return Math.min(usage.meteredUnitSeconds(), Math.multiplyExact(terms.purchasedSeconds(), (long) terms.units()));
    }

    /** The cost so far of a running or ended order, capped at what the escrow holds; nothing for a coupon order. */
    public static long cost(Order order) {
        if (order.isPaidByCoupon()) return 0;
        long cost = Billing.cost(order.terms().pricePerHour(), 1, billableUnitSeconds(order.terms(), order.usage()));
        return Math.min(cost, order.deposited());
    }

    /** The split of an ended order; {@code now} is when nothing ran and no end time exists. */
    public static Settlement split(Order order, Instant now) {
        OrderTerms terms = order.terms();
        long deposit = order.deposited();
        long cost = cost(order);
        long fee = Billing.fee(cost, terms.feeBps());
        long providerAmount = cost - fee;
        long charged = Billing.discountedFee(fee, terms.feeDiscountBps());
        Instant ended = order.usage() != null && order.usage().endedAt() != null ? order.usage().endedAt() : now;
        long releaseAt = cost == 0 ? ended.getEpochSecond() : ended.getEpochSecond() + terms.disputeWindowSeconds();
        return new Settlement(order.orderId(), order.owner(), terms.provider(), deposit, providerAmount, charged, deposit - providerAmount - charged, releaseAt,
                SettlementStatus.COMPUTED, null, 0);
    }
}
