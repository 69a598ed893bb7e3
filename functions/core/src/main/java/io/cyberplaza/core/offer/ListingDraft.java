package io.cyberplaza.core.offer;

import java.util.List;

/** What a provider writes when it lists or changes an offer. */
public record ListingDraft(String title, ResourceType resourceType, String region, String unit, long pricePerHour,
                           String provisioner, List<String> templates, int maxUnits, int maxHours, SlaTerms sla,
                           List<Benchmark> benchmarks) {
}
