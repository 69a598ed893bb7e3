package io.cyberplaza.core.secret;

import io.cyberplaza.core.groupbuy.CodeVault;
import io.cyberplaza.core.groupbuy.SealedCode;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Envelope encryption of coupon codes: each batch gets a fresh data key from the {@link KeyWrapper},
 * each code its own nonce under AES-256-GCM, and only the wrapped data key is stored beside the
 * ciphertext. Unwrapped data keys are kept for the few most recent batches, so opening a buyer's
 * codes costs one call to the key service per batch, not per code.
 */
public final class EnvelopeCodeVault implements CodeVault {
    private static final int NONCE_BYTES = 12;
    private static final byte[] CONTEXT = "cyberplaza:coupon-code:v1".getBytes(StandardCharsets.UTF_8);
    private static final int CACHED_KEYS = 64;

    private final KeyWrapper wrapper;
    private final SecretKeySpec fingerprintKey;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> unwrapped = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHED_KEYS;
        }
    });

    /** @param fingerprintKey the HMAC key of the fingerprints: a platform secret, at least 256 bits */
    public EnvelopeCodeVault(KeyWrapper wrapper, byte[] fingerprintKey) {
        if (fingerprintKey.length < 32) throw new IllegalArgumentException("the fingerprint key is at least 256 bits");
        this.wrapper = wrapper;
        this.fingerprintKey = new SecretKeySpec(fingerprintKey.clone(), "HmacSHA256");
    }

    @Override
    public List<SealedCode> seal(List<String> codes) {
        if (codes.isEmpty()) return List.of();
        KeyWrapper.DataKey dataKey = wrapper.newDataKey();
        try {
            String wrapped = Base64.getEncoder().encodeToString(dataKey.wrapped());
            SecretKeySpec key = new SecretKeySpec(dataKey.plaintext(), "AES");
            List<SealedCode> sealed = new ArrayList<>(codes.size());
            for (String code : codes) {
                byte[] nonce = new byte[NONCE_BYTES];
                random.nextBytes(nonce);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                cipher.updateAAD(CONTEXT);
                byte[] ciphertext = cipher.doFinal(code.getBytes(StandardCharsets.UTF_8));
                byte[] stored = ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
                sealed.add(new SealedCode(dataKey.keyId(), wrapped, Base64.getEncoder().encodeToString(stored)));
            }
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal coupon codes", e);
        } finally {
            Arrays.fill(dataKey.plaintext(), (byte) 0);
        }
    }

    @Override
    public String open(SealedCode sealed) {
        byte[] dataKey = unwrapped.computeIfAbsent(sealed.keyId() + "/" + sealed.wrappedKey(),
                id -> wrapper.unwrap(sealed.keyId(), Base64.getDecoder().decode(sealed.wrappedKey())));
        byte[] stored = Base64.getDecoder().decode(sealed.ciphertext());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(128, stored, 0, NONCE_BYTES));
            cipher.updateAAD(CONTEXT);
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed coupon code does not open: it was altered or sealed under another key", e);
        }
    }

    @Override
    public String fingerprint(String vendor, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            mac.update(vendor.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return "cpn_" + HexFormat.of().formatHex(mac.doFinal(code.getBytes(StandardCharsets.UTF_8)), 0, 20);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JVM", e);
        }
    }
}
