package io.cyberplaza.core.groupbuy;

import java.time.Instant;
import java.util.Objects;

/** A coupon code as a vendor or operator hands it over, before it is sealed. It never prints its code. */
public record DeliveredCode(String code, Instant expiresAt) {
    public DeliveredCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "DeliveredCode[code=<secret>, expiresAt=" + expiresAt + "]";
    }
}
