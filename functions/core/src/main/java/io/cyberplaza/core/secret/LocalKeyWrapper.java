package io.cyberplaza.core.secret;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The key-encryption key held in process: for the local runner, and for clouds whose key service is
 * not used yet (the key then comes from the cloud's secret store). Data keys are wrapped with
 * AES-GCM under it.
 */
public final class LocalKeyWrapper implements KeyWrapper {
    private static final int NONCE_BYTES = 12;

    private final SecretKey key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    public LocalKeyWrapper(String keyId, byte[] key) {
        if (key.length != 32) throw new IllegalArgumentException("the key-encryption key is 256 bits");
        this.keyId = keyId;
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** A key made now, for a process whose secrets need not outlive it. */
    public static LocalKeyWrapper ephemeral() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return new LocalKeyWrapper("local-ephemeral", generator.generateKey().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is part of every JVM", e);
        }
    }

    @Override
    public DataKey newDataKey() {
        byte[] dataKey = new byte[32];
        random.nextBytes(dataKey);
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(keyId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(dataKey);
            return new DataKey(dataKey, keyId, ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not wrap a data key", e);
        }
    }

    @Override
    public byte[] unwrap(String keyId, byte[] wrapped) {
        if (!this.keyId.equals(keyId)) throw new IllegalArgumentException("data key wrapped under another key: " + keyId);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, wrapped, 0, NONCE_BYTES));
            cipher.updateAAD(keyId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return cipher.doFinal(Arrays.copyOfRange(wrapped, NONCE_BYTES, wrapped.length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the data key does not unwrap under " + keyId, e);
        }
    }
}
