package io.cyberplaza.provisioner;

/** A launch or control call that failed; {@code retryable} says whether trying again may help. */
public class ProvisionException extends RuntimeException {

    public enum Reason {
        /** The vendor has no capacity here: try another location. */
        CAPACITY,
        /** Rate limited: back off and retry. */
        THROTTLED,
        /** A vendor-side or network error that may pass. */
        TRANSIENT,
        /** The request itself is wrong (bad template, bad parameter): retrying cannot help. */
        INVALID
    }

    private final Reason reason;

    public ProvisionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ProvisionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public boolean retryable() {
        return reason == Reason.THROTTLED || reason == Reason.TRANSIENT;
    }
}
