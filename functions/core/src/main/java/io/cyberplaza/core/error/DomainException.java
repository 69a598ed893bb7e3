package io.cyberplaza.core.error;

/**
 * A request the rules refuse. {@code type} is stable (it becomes the problem+json {@code type} of
 * the API), {@code message} is safe to show to the caller.
 */
public class DomainException extends RuntimeException {
    private final ErrorType type;

    public DomainException(ErrorType type, String message) {
        super(message);
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }
}
