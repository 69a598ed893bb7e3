package io.cyberplaza.core.secret;

/** The store has no (current, text) value for a secret: a deployment fault, never a client's. */
public final class SecretNotFoundException extends RuntimeException {
    public SecretNotFoundException(String name, String why) {
        super("secret " + name + " is not available: " + why);
    }
}
