package io.cyberplaza.core.pricing;

/** A record or a source kept out of a round, with the reason operators see. */
public record Rejection(String source, String recordId, PriceKey key, Reason reason, String detail) {

    public enum Reason {
        MISSING,
        ZERO,
        NEGATIVE,
        ABSURD,
        WRONG_CURRENCY,
        STALE,
        /** The source's price lies more than the allowed spread from the median of the sources. */
        OUTLIER,
        /** Too few good sources for the key this round: no price published. */
        TOO_FEW_SOURCES,
        /** A source could not be read at all this round. */
        SOURCE_FAILED
    }
}
