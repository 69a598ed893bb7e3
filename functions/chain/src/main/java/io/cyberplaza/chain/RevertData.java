package io.cyberplaza.chain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Nodes return a revert's data in different shapes: a bare hex string (geth) or an object with a
 * {@code data} field next to a message (Hardhat). This finds the hex payload in either.
 */
public final class RevertData {
    private static final Pattern HEX_PAYLOAD = Pattern.compile("0x[0-9a-fA-F]{8,}");

    private RevertData() {
    }

    /** The revert payload (selector and arguments) in a JSON-RPC error's data, or null if there is none. */
    public static String of(Object errorData) {
        if (errorData == null) return null;
        Matcher matcher = HEX_PAYLOAD.matcher(errorData.toString());
        return matcher.find() ? matcher.group() : null;
    }

    /** The 4-byte custom-error selector of a revert payload, or null. */
    public static String selectorOf(Object errorData) {
        String payload = of(errorData);
        return payload == null ? null : payload.substring(0, 10).toLowerCase();
    }
}
