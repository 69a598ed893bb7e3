package io.cyberplaza.provisioner.gcp;

import java.util.Map;
import java.util.Objects;

/**
 * The platform's Google Cloud project and its network.
 *
 * @param subnetworksByRegion the platform's subnetwork in each region offers' zones lie in
 * @param endpoint            an endpoint override ({@code http://host:port}) for tests; null for Compute Engine itself
 */
public record GcpSettings(String project, String environment, Map<String, String> subnetworksByRegion, String endpoint) {
    public GcpSettings {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(environment, "environment");
        subnetworksByRegion = Map.copyOf(subnetworksByRegion);
    }
}
