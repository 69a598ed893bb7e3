package io.cyberplaza.provisioner.alibaba;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The platform's Alibaba Cloud account and its network.
 *
 * @param regions          where {@code listOwned} looks
 * @param vSwitchesByZone  the platform's vSwitch in each zone offers may name
 * @param securityGroups   the platform's security group in each region
 * @param endpoint         an endpoint override ({@code host:port}, plain HTTP) for tests; null for the
 *                         regional endpoints over HTTPS
 */
public record EcsSettings(String environment, String accessKeyId, String accessKeySecret, List<String> regions,
                          Map<String, String> vSwitchesByZone, Map<String, String> securityGroups, String endpoint) {
    public EcsSettings {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(accessKeySecret, "accessKeySecret");
        regions = List.copyOf(regions);
        vSwitchesByZone = Map.copyOf(vSwitchesByZone);
        securityGroups = Map.copyOf(securityGroups);
    }
}
