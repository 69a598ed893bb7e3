package io.cyberplaza.core.groupbuy;

/**
 * From {@code fromQuantity} units pledged in total, every participant pays {@code unitPrice}
 * micro-USDC a unit.
 */
public record PriceTier(long fromQuantity, long unitPrice) {
    public PriceTier {
        if (fromQuantity < 1) throw new IllegalArgumentException("a tier starts at one unit or more");
        if (unitPrice < 1) throw new IllegalArgumentException("a tier's price is at least one micro-USDC");
    }
}
