package io.cyberplaza.core.queue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The body of a work message: {@code {"orderId":"0x..."}}. Parsed strictly: a queue is an input too. */
public final class OrderMessage {
    private static final Pattern BODY = Pattern.compile("\\{\\s*\"orderId\"\\s*:\\s*\"(0x[0-9a-f]{64})\"\\s*}");

    private OrderMessage() {
    }

    public static String encode(String orderId) {
        return "{\"orderId\":\"" + orderId + "\"}";
    }

    /** @throws IllegalArgumentException if the body is not a work message */
    public static String decode(String body) {
        Matcher matcher = BODY.matcher(body == null ? "" : body.trim());
        if (!matcher.matches()) throw new IllegalArgumentException("not a work message");
        return matcher.group(1);
    }
}
