package io.cyberplaza.core.pricing;

/**
 * The stablecoin's peg: prices are in USD and escrows in USDC, so when USDC trades more than
 * {@link #MAX_DEVIATION_BPS} away from one dollar, USD prices no longer say what a quote costs and
 * quoting pauses.
 *
 * @param usdPerUsdcMicros the price of one USDC in micro-USD (1,000,000 at par)
 */
public record Peg(long usdPerUsdcMicros) {
    public static final int MAX_DEVIATION_BPS = 50;
    /** Where the oracle keeps its latest reading of the peg, beside the compute prices. */
    public static final PriceKey KEY = new PriceKey(PriceUnit.USD_PER_USDC, "global", "usdc");

    public boolean holds() {
        return Math.abs(usdPerUsdcMicros - 1_000_000L) * 10_000L <= MAX_DEVIATION_BPS * 1_000_000L;
    }
}
