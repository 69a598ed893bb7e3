package io.cyberplaza.core.store;

/**
 * A conditional write lost: the stored item was not in the state the writer expected, because
 * another worker changed it first (or it already exists). Callers re-read and decide; they never
 * overwrite.
 */
public class ConditionFailedException extends RuntimeException {
    public ConditionFailedException(String message) {
        super(message);
    }

    public ConditionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
