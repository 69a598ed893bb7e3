package io.cyberplaza.core.provider;

import java.time.Instant;

/**
 * An operator's evaluation that makes a provider "certified" (the whitepaper's certified SP): it
 * offers over 10,000 USDC of service a month and its record was reviewed.
 *
 * @param monthlyOfferedValue micro-USDC of service offered a month, as evaluated
 */
public record Certification(long monthlyOfferedValue, String evaluation, Instant certifiedAt, String certifiedBy) {
    public static final long MIN_MONTHLY_OFFERED_VALUE = 10_000_000_000L; // 10,000 USDC
}
