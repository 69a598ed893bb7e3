package io.cyberplaza.core.groupbuy;

import java.util.Objects;

/**
 * A coupon code as stored: encrypted under a data key, which is itself stored only wrapped by the
 * platform's key (envelope encryption). All three parts are base64.
 *
 * @param keyId      which platform key wrapped the data key
 * @param wrappedKey the data key, encrypted by that key
 * @param ciphertext the nonce followed by the AES-GCM ciphertext of the code
 */
public record SealedCode(String keyId, String wrappedKey, String ciphertext) {
    public SealedCode {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(wrappedKey, "wrappedKey");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }
}
