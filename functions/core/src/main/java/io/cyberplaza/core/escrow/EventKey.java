package io.cyberplaza.core.escrow;

import java.util.Objects;

/** A chain log's identity: the same log delivered twice has the same key. */
public record EventKey(String txHash, long logIndex) {
    public EventKey {
        Objects.requireNonNull(txHash, "txHash");
        if (logIndex < 0) throw new IllegalArgumentException("logIndex must not be negative");
    }

    public static EventKey parse(String value) {
        int hash = value.lastIndexOf('#');
        if (hash < 0) throw new IllegalArgumentException("not an event key: " + value);
        return new EventKey(value.substring(0, hash), Long.parseLong(value.substring(hash + 1)));
    }

    @Override
    public String toString() {
        return txHash + "#" + logIndex;
    }
}
