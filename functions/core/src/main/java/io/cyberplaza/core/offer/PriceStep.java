package io.cyberplaza.core.offer;

/**
 * A step of an offer's price list: an order of at least {@code minHours} pays {@code pricePerHour}
 * (micro-USDC per unit-hour) instead of the list price.
 */
public record PriceStep(int minHours, long pricePerHour) {
    public PriceStep {
        if (minHours < 1) throw new IllegalArgumentException("a price step starts at 1 hour or more");
        if (pricePerHour < 1) throw new IllegalArgumentException("a price step needs a positive price");
    }
}
