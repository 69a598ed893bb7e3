package io.cyberplaza.core.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The escrow order id of the order made from a quote: a hash of the quote id, so that retrying
 * "create order" with the same quote finds the same order instead of making a second one.
 */
public final class OrderIdentity {
    private OrderIdentity() {
    }

    public static String fromQuote(String quoteId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("cyberplaza:order:" + quoteId).getBytes(StandardCharsets.UTF_8));
            return "0x" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
