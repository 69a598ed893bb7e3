package io.cyberplaza.core.pricing;

/**
 * The canonical units prices are compared in, each with the range a real price can lie in: a quote
 * outside it is bad data (a $0 H100, a vCPU at $50 an hour), never a bargain.
 */
public enum PriceUnit {
    /** One vCPU for an hour. */
    VCPU_HOUR(100, 5_000_000),
    /** One GPU of the key's model for an hour. */
    GPU_HOUR(50_000, 100_000_000),
    /** One GB of storage for a month. */
    GB_MONTH(1_000, 2_000_000),
    /** One whole machine for an hour. */
    INSTANCE_HOUR(500, 1_000_000_000);

    private final long floorMicroUsd;
    private final long ceilingMicroUsd;

    PriceUnit(long floorMicroUsd, long ceilingMicroUsd) {
        this.floorMicroUsd = floorMicroUsd;
        this.ceilingMicroUsd = ceilingMicroUsd;
    }

    /** Whether a price in micro-USD per unit could be real. */
    public boolean plausible(long microUsd) {
        return microUsd >= floorMicroUsd && microUsd <= ceilingMicroUsd;
    }
}
