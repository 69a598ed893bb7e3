package io.cyberplaza.core.contract;

import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.provider.Certification;
import io.cyberplaza.core.provider.Provider;
import io.cyberplaza.core.provider.ProviderRepository;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

public abstract class ProviderRepositoryContract {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");

    protected abstract ProviderRepository repository();

    @Test
    void aProfileIsCreatedOnceAndChangedOnlyFromTheVersionRead() {
        ProviderRepository providers = repository();
        String address = "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
        Provider created = new Provider(address, "Acme Compute", FeeTier.BASIC, null, 1, NOW);
        assertThat(providers.replace(0, created)).isTrue();
        assertThat(providers.replace(0, created)).as("created twice").isFalse();
        assertThat(providers.find(address)).contains(created);

        Certification certification = new Certification(12_000_000_000L, "audited racks, 99.9 % last quarter", NOW, "0xop");
        Provider certified = created.next("Acme Compute", FeeTier.CERTIFIED, certification, NOW.plusSeconds(1));
        assertThat(providers.replace(1, certified)).isTrue();
        assertThat(providers.replace(1, created.next("stale", FeeTier.BASIC, null, NOW))).isFalse();
        Provider stored = providers.find(address).orElseThrow();
        assertThat(stored).isEqualTo(certified);
        assertThat(stored.certified()).isTrue();

        assertThat(providers.replace(2, stored.next("Acme Compute", FeeTier.BASIC, null, NOW.plusSeconds(2)))).isTrue();
        assertThat(providers.find(address).orElseThrow().certification()).isNull();
    }
}
