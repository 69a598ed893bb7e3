package io.cyberplaza.provisioner.azure;

import java.net.URI;
import java.util.Objects;

/**
 * The platform's Azure subscription and how its VMs are laid out.
 *
 * @param armEndpoint    Azure Resource Manager ({@code https://management.azure.com}); a WireMock server in tests
 * @param subnetId       the ARM id of the subnet every VM's network interface joins
 * @param adminUsername  the VMs' Linux administrator
 * @param sshPublicKey   the only way in: password sign-in is off
 */
public record AzureSettings(URI armEndpoint, String subscriptionId, String resourceGroup, String environment, String subnetId,
                            String adminUsername, String sshPublicKey) {
    public static final String API_VERSION = "2024-07-01";

    public AzureSettings {
        Objects.requireNonNull(armEndpoint, "armEndpoint");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(subnetId, "subnetId");
    }

    String vmCollection() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup + "/providers/Microsoft.Compute/virtualMachines";
    }
}
