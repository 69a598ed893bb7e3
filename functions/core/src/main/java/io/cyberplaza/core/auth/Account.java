package io.cyberplaza.core.auth;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The roles granted to an address (USER is implied and never stored). Changed only by a
 * conditional replace on {@code version}.
 */
public record Account(String address, Set<Role> granted, long version, Instant updatedAt, String updatedBy) {
    public Account {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(updatedAt, "updatedAt");
        granted = granted.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(granted));
        if (granted.contains(Role.USER)) throw new IllegalArgumentException("USER is implied, never granted");
    }

    public static Account empty(String address, Instant now) {
        return new Account(address, Set.of(), 0, now, null);
    }

    public Account with(Set<Role> roles, Instant now, String by) {
        return new Account(address, roles, version + 1, now, by);
    }
}
