package io.cyberplaza.provisioner.azure;

/** Bearer tokens for Azure Resource Manager (a service principal's client credentials, or a managed identity). */
@FunctionalInterface
public interface AccessTokens {
    String current();
}
