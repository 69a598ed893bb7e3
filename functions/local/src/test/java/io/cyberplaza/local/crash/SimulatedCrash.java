package io.cyberplaza.local.crash;

/**
 * The function's process dies here. An Error, not an exception, so no handler's error handling
 * (which catches exceptions to report partial batch failures) can turn it into an orderly failure.
 */
public final class SimulatedCrash extends Error {
    public SimulatedCrash(String point) {
        super("simulated crash: " + point, null, false, false);
    }
}
