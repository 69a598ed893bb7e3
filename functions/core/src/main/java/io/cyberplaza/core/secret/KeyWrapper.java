package io.cyberplaza.core.secret;

/**
 * Port: the platform's key-encryption key, which never leaves its keeper (KMS on AWS; a local key in
 * the local runner). It makes data keys and unwraps them; the data keys encrypt the secrets.
 */
public interface KeyWrapper {

    /** A fresh 256-bit data key, in the clear and wrapped. */
    DataKey newDataKey();

    /** The data key {@link #newDataKey} wrapped as {@code wrapped} under {@code keyId}. */
    byte[] unwrap(String keyId, byte[] wrapped);

    record DataKey(byte[] plaintext, String keyId, byte[] wrapped) {
    }
}
