package io.cyberplaza.core.provider;

import io.cyberplaza.core.money.FeeTier;

import java.time.Instant;
import java.util.Objects;

/** A service provider's profile: its fee tier, and the certification behind the CERTIFIED badge. */
public record Provider(String address, String name, FeeTier tier, Certification certification, long version, Instant updatedAt) {
    public Provider {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (name == null || name.isBlank() || name.length() > 80) throw new IllegalArgumentException("a provider needs a name of 1 to 80 characters");
    }

    public boolean certified() {
        return certification != null;
    }

    public Provider next(String newName, FeeTier newTier, Certification newCertification, Instant now) {
        return new Provider(address, newName, newTier, newCertification, version + 1, now);
    }
}
