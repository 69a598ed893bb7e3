package io.cyberplaza.provisioner;

import java.time.Duration;
import java.util.Optional;

/** A launch or control call that failed; {@code retryable} says whether trying again may help. */
public class ProvisionException extends RuntimeException {

    public enum Reason {
        /** The vendor has no capacity here: try another location. */
        CAPACITY,
        /** Rate limited: back off and retry. */
        THROTTLED,
        /** A vendor-side or network error that may pass (5xx, a lost answer, a timeout). */
        TRANSIENT,
        /** The request itself is wrong (bad template, bad parameter): retrying cannot help. */
        INVALID
    }

    private final Reason reason;
    private final Duration retryAfter;

    public ProvisionException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public ProvisionException(Reason reason, String message, Throwable cause) {
        this(reason, message, null, cause);
    }

    /** @param retryAfter how long the vendor asked us to wait (a {@code Retry-After} header), if it said */
    public ProvisionException(Reason reason, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean retryable() {
        return reason == Reason.THROTTLED || reason == Reason.TRANSIENT;
    }
}
