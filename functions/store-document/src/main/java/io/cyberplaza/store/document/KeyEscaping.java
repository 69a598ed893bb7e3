package io.cyberplaza.store.document;

/**
 * Keys made safe for databases that forbid characters in them (Azure's '/', '\', '#', '?' and
 * control characters; Firestore's '/'). Each such character becomes {@code ~XX} (its code in hex),
 * '~' itself included, so escaping never merges two keys, and the order of rows that share a prefix
 * is kept.
 */
public final class KeyEscaping {
    private KeyEscaping() {
    }

    public static String escape(String key) {
        StringBuilder escaped = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean forbidden = c == '/' || c == '\\' || c == '#' || c == '?' || c == '~' || c == '|' || c == '%'
                    || c < 0x20 || (c >= 0x7f && c <= 0x9f);
            if (forbidden && escaped == null) escaped = new StringBuilder(key.length() + 8).append(key, 0, i);
            if (escaped == null) continue;
            if (forbidden) escaped.append('~').append(String.format("%02X", (int) c));
            else escaped.append(c);
        }
        return escaped == null ? key : escaped.toString();
    }
}
