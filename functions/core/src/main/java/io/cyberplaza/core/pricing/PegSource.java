package io.cyberplaza.core.pricing;

/**
 * Port: the market's price of one USDC in USD (a Chainlink USDC/USD feed). Throws when it cannot give
 * a recent answer: no reading is better than an old one, and without a recent reading quoting pauses.
 */
public interface PegSource {

    String name();

    Peg read();
}
