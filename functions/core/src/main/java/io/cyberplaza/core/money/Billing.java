package io.cyberplaza.core.money;

import java.math.BigInteger;

/**
 * The platform's money arithmetic, in one place. Amounts are micro-USDC ({@code long}); prices are
 * micro-USDC per hour per unit and are billed by the second.
 *
 * <p>Rounding rule: everything the user pays rounds down, so rounding never costs the user:
 * {@code cost = floor(pricePerHour * units * seconds / 3600)},
 * {@code fee = floor(cost * feeBps / 10000)}, {@code provider = cost - fee},
 * {@code refund = deposit - cost}. Intermediate products use exact integers (no overflow, no
 * floating point).
 */
public final class Billing {
    public static final long MICROS_PER_USDC = 1_000_000L;
    private static final BigInteger SECONDS_PER_HOUR = BigInteger.valueOf(3_600);
    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    private Billing() {
    }

    /** Cost of {@code seconds} of {@code units} at {@code pricePerHour}, rounded down. */
    public static long cost(long pricePerHour, int units, long seconds) {
        if (pricePerHour < 0 || units < 0 || seconds < 0) throw new IllegalArgumentException("negative billing input");
        return BigInteger.valueOf(pricePerHour).multiply(BigInteger.valueOf(units)).multiply(BigInteger.valueOf(seconds))
                .divide(SECONDS_PER_HOUR).longValueExact();
    }

    /** The platform's share of {@code cost}, rounded down. */
    public static long fee(long cost, int feeBps) {
        if (cost < 0 || feeBps < 0 || feeBps > 10_000) throw new IllegalArgumentException("invalid fee input");
        return BigInteger.valueOf(cost).multiply(BigInteger.valueOf(feeBps)).divide(BPS).longValueExact();
    }

    /**
     * What the platform charges of {@code fee} after a veCPT discount of {@code discountBps} of it: the
     * discount is rounded down, so the platform never keeps less than the discount's exact value says.
     */
    public static long discountedFee(long fee, int discountBps) {
        return fee - fee(fee, discountBps);
    }

    /** {@code amount * percent / 100}, rounded down. */
    public static long percentOf(long amount, int percent) {
        return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(percent)).divide(BigInteger.valueOf(100)).longValueExact();
    }

    /** How many whole seconds {@code budget} buys at this price: the time an escrow can pay for. */
    public static long secondsAffordable(long budget, long pricePerHour, int units) {
        long perHour = Math.multiplyExact(pricePerHour, units);
        if (perHour == 0) return Long.MAX_VALUE;
        return BigInteger.valueOf(budget).multiply(SECONDS_PER_HOUR).divide(BigInteger.valueOf(perHour)).longValueExact();
    }

    /** "12.500000 USDC"-style text of a micro-USDC amount, for messages and logs. */
    public static String format(long microUsdc) {
        String sign = microUsdc < 0 ? "-" : "";
        long abs = Math.abs(microUsdc);
        return "%s%d.%06d".formatted(sign, abs / MICROS_PER_USDC, abs % MICROS_PER_USDC);
    }
}
