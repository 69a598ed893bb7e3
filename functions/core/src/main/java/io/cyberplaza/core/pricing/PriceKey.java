package io.cyberplaza.core.pricing;

import java.util.Objects;

/**
 * What a price is a price of, comparable across vendors: a unit and, where the unit needs it, the
 * region class and the GPU model ({@code "h100"}) or storage class. Two vendors' prices share a key
 * when they sell the same thing.
 */
public record PriceKey(PriceUnit unit, String region, String model) {
    public PriceKey {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(region, "region");
        model = model == null ? "" : model;
    }

    @Override
    public String toString() {
        return unit.name().toLowerCase() + "/" + region + (model.isEmpty() ? "" : "/" + model);
    }
}
