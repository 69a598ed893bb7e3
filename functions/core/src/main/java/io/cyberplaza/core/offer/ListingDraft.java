package io.cyberplaza.core.offer;

import io.cyberplaza.core.capacity.CapacityWindow;

import java.util.List;

/**
 * What a provider writes when it lists or changes an offer. {@code capacity} adds windows or resizes
 * them (a window is known by its start); none means no capacity limit. {@code partition} makes it an
 * HPC offer.
 */
public record ListingDraft(String title, ResourceType resourceType, String region, String unit, long pricePerHour,
                           String provisioner, List<String> templates, int maxUnits, int maxHours, SlaTerms sla,
                           List<Benchmark> benchmarks, List<CapacityWindow> capacity, List<PriceStep> priceSteps,
                           HpcPartition partition) {

    public ListingDraft(String title, ResourceType resourceType, String region, String unit, long pricePerHour,
                        String provisioner, List<String> templates, int maxUnits, int maxHours, SlaTerms sla,
                        List<Benchmark> benchmarks, List<CapacityWindow> capacity, List<PriceStep> priceSteps) {
        this(title, resourceType, region, unit, pricePerHour, provisioner, templates, maxUnits, maxHours, sla, benchmarks, capacity,
                priceSteps, null);
    }
}
