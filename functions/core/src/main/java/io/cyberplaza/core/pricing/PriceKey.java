package io.cyberplaza.core.pricing;

import java.util.Objects;

/**
 * What a price is a price of, comparable across vendors: a unit and, where the unit needs it, the
 * region class and the GPU model ({@code "h100"}), storage class or vendor machine type. Two vendors'
 * prices share a key when they sell the same thing on the same terms: spot capacity, which the vendor
 * may take back, is never averaged with on-demand.
 */
public record PriceKey(PriceUnit unit, String region, String model, boolean spot) {
    public PriceKey {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(region, "region");
        model = model == null ? "" : model;
    }

    /** An on-demand price. */
    public PriceKey(PriceUnit unit, String region, String model) {
        this(unit, region, model, false);
    }

    /** The key its {@link #toString()} names, e.g. {@code instance_hour/us-east/t3.micro@spot}. */
    public static PriceKey parse(String text) {
        boolean spot = text.endsWith("@spot");
        String[] parts = (spot ? text.substring(0, text.length() - 5) : text).split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[1].isEmpty() || (parts.length == 3 && parts[2].isEmpty())) {
            throw new IllegalArgumentException("not a price key: " + text);
        }
        PriceUnit unit;
        try {
            unit = PriceUnit.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a price unit: " + parts[0]);
        }
        return new PriceKey(unit, parts[1], parts.length == 3 ? parts[2] : "", spot);
    }

    @Override
    public String toString() {
        return unit.name().toLowerCase() + "/" + region + (model.isEmpty() ? "" : "/" + model) + (spot ? "@spot" : "");
    }
}
