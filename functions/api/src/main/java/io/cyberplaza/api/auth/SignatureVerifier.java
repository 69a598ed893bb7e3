package io.cyberplaza.api.auth;

import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Optional;

/** Recovers the address that personal_sign-ed (EIP-191) a text with a 65-byte signature. */
public final class SignatureVerifier {
    private SignatureVerifier() {
    }

    public static Optional<String> signer(String text, String signatureHex) {
        byte[] signature = bytes(signatureHex).orElse(new byte[0]);
        if (signature.length != 65) return Optional.empty();
        byte v = signature[64];
        if (v < 27) v += 27; // some wallets return 0/1
        if (v != 27 && v != 28) return Optional.empty();
        Sign.SignatureData data = new Sign.SignatureData(v, Arrays.copyOfRange(signature, 0, 32), Arrays.copyOfRange(signature, 32, 64));
        try {
            BigInteger publicKey = Sign.signedPrefixedMessageToKey(text.getBytes(StandardCharsets.UTF_8), data);
            return Optional.of("0x" + Keys.getAddress(publicKey).toLowerCase());
        } catch (SignatureException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The EIP-191 digest a wallet signs for personal_sign, which a contract account is asked about. */
    public static byte[] personalDigest(String text) {
        return Sign.getEthereumMessageHash(text.getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<byte[]> bytes(String signatureHex) {
        // A character class, not a repeated group: Java's regex recurses per group repetition.
        if (signatureHex == null || signatureHex.length() % 2 != 0 || !signatureHex.matches("(0x)?[0-9a-fA-F]+")) return Optional.empty();
        return Optional.of(Numeric.hexStringToByteArray(signatureHex));
    }
}
