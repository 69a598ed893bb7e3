package io.cyberplaza.core.rewards;

/**
 * Port: CPT's price in micro-USD (a CPT/USD price feed; a fixed price on the local stack). Throws
 * when it has no recent answer: an epoch is better computed later than at an old price.
 */
public interface CptPrice {
    long microUsd();
}
