package io.cyberplaza.core.pricing;

/**
 * The canonical units prices are compared in, each with the range a real price can lie in: a quote
 * outside it is bad data (a $0 H100, a vCPU at $50 an hour), never a bargain.
 */
public enum PriceUnit {
    /** One vCPU for an hour. */
    VCPU_HOUR(100, 5_000_000, true),
    /** One GPU of the key's model for an hour. */
    GPU_HOUR(50_000, 100_000_000, true),
    /** One GB of storage for a month. */
    GB_MONTH(1_000, 2_000_000, true),
    /** One whole machine of the key's vendor machine type for an hour: one vendor's own list is its authority. */
    INSTANCE_HOUR(500, 1_000_000_000, false),
    /** One USDC in USD: the stablecoin's peg, read from its market feed, not a compute price. */
    USD_PER_USDC(500_000, 2_000_000, false);

    private final long floorMicroUsd;
    private final long ceilingMicroUsd;
    private final boolean comparesVendors;

    PriceUnit(long floorMicroUsd, long ceilingMicroUsd, boolean comparesVendors) {
        this.floorMicroUsd = floorMicroUsd;
        this.ceilingMicroUsd = ceilingMicroUsd;
        this.comparesVendors = comparesVendors;
    }

    /**
     * Whether the unit is an index across vendors, which needs several sources to agree; a vendor's
     * own machine type is priced by that vendor alone.
     */
    public boolean comparesVendors() {
        return comparesVendors;
    }

    /** Whether a price in micro-USD per unit could be real. */
    public boolean plausible(long microUsd) {
        return microUsd >= floorMicroUsd && microUsd <= ceilingMicroUsd;
    }
}
