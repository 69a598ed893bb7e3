package io.cyberplaza.multicloud;

import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.local.DevAccounts;
import io.cyberplaza.local.LocalChain;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The settings every cloud's functions get in these tests, as a deployment gives them: chain, API, provider, secrets. */
final class PlatformSettings {
    private PlatformSettings() {
    }

    static Map<String, Object> of(String apiUrl, LocalChain chain, Path work) {
        String hostPort = apiUrl.substring(apiUrl.indexOf("//") + 2);
        Map<String, Object> settings = new HashMap<>(chain.configuration());
        settings.put("cyberplaza.environment", "local");
        settings.put("cyberplaza.api.domains", List.of(hostPort));
        settings.put("cyberplaza.api.uri", apiUrl);
        settings.put("cyberplaza.api.rate-limit.per-identity", 100_000);
        settings.put("cyberplaza.api.rate-limit.per-address", 100_000);
        settings.put("cyberplaza.api.rate-limit.per-sign-in", 100_000);
        settings.put("cyberplaza.auth.first-operator", DevAccounts.ADMIN.getAddress());
        settings.put("cyberplaza.provisioners.local-process.root", work.toString());
        // No vendor price list is reachable here: the providers' offers are the one source.
        settings.put("cyberplaza.pricing.min-sources", 1);
        // What the secret environment variables (Key Vault references, Secret Manager) read as.
        settings.put("cyberplaza.secret." + SecretStore.JWT_SIGNING_KEY, UUID.randomUUID() + "-" + UUID.randomUUID());
        settings.put("cyberplaza.secret." + SecretStore.SETTLER_KEY, DevAccounts.SETTLER.getEcKeyPair().getPrivateKey().toString(16));
        settings.put("cyberplaza.secret." + SecretStore.GUARDIAN_KEY, DevAccounts.GUARDIAN.getEcKeyPair().getPrivateKey().toString(16));
        settings.put("cyberplaza.secret." + SecretStore.ARBITER_KEY, DevAccounts.ARBITER.getEcKeyPair().getPrivateKey().toString(16));
        settings.put("cyberplaza.secret." + SecretStore.COUPON_FINGERPRINT_KEY, randomKey());
        settings.put("cyberplaza.secret." + SecretStore.COUPON_CODE_KEY, randomKey());
        settings.put("cyberplaza.secret." + SecretStore.REWARDS_PUBLISHER_KEY, DevAccounts.REWARDS_PUBLISHER.getEcKeyPair().getPrivateKey().toString(16));
        settings.putAll(rewards());
        return settings;
    }

    /** Rewards epochs of a minute that began two minutes ago: the first one can be computed at once. */
    static Map<String, Object> rewards() {
        return Map.of("cyberplaza.rewards.genesis", Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS).toString(),
                "cyberplaza.rewards.epoch-length", "1m", "cyberplaza.rewards.settle-delay", "0s",
                "cyberplaza.rewards.fixed-cpt-price-micro-usd", 100_000);
    }

    /** A 256-bit key, base64, as the deployments generate them. */
    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
