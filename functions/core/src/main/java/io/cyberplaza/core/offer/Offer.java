package io.cyberplaza.core.offer;

import io.cyberplaza.core.money.FeeTier;

import java.util.List;
import java.util.Objects;

/**
 * Compute a provider sells. The price is micro-USDC per hour per unit (one unit = one instance of
 * what {@code unit} describes), billed by the second.
 *
 * @param provisioner  which adapter launches it (e.g. {@code local-process}, {@code aws-ec2})
 * @param templates    for application-catalog providers, the workload templates buyers may run
 * @param maxHours     the longest a single order may buy
 */
public record Offer(
        String offerId,
        String providerId,
        String providerAddress,
        String title,
        ResourceType resourceType,
        String region,
        String unit,
        long pricePerHour,
        FeeTier tier,
        String provisioner,
        List<String> templates,
        int maxUnits,
        int maxHours) {

    public Offer {
        Objects.requireNonNull(offerId, "offerId");
        Objects.requireNonNull(providerAddress, "providerAddress");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(tier, "tier");
        templates = List.copyOf(templates);
        if (pricePerHour <= 0) throw new IllegalArgumentException("offer " + offerId + " needs a positive price");
        if (maxUnits < 1 || maxHours < 1) throw new IllegalArgumentException("offer " + offerId + " needs limits of at least 1");
    }
}
