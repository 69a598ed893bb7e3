package io.cyberplaza.api;

import io.cyberplaza.api.catalog.JsonOfferCatalog;
import io.cyberplaza.core.money.FeeTier;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonOfferCatalogTest {
    @Inject
    ObjectMapper json;

    @Test
    void theBundledCatalogIsValid() {
        JsonOfferCatalog catalog = JsonOfferCatalog.bundled(json);
        assertThat(catalog.list()).extracting(o -> o.offerId()).contains("local-cpu", "local-cpu-certified");
        var local = catalog.find("local-cpu").orElseThrow();
        assertThat(local.tier()).isEqualTo(FeeTier.VERIFIED);
        assertThat(local.providerAddress()).matches("0x[0-9a-f]{40}");
        assertThat(local.pricePerHour()).isEqualTo(10_000_000L);
    }

    @Test
    void anEntryThatBreaksTheRulesIsRefused() {
        String free = "{\"offers\":[{\"offerId\":\"x\",\"providerId\":\"p\",\"providerAddress\":\"0x00000000000000000000000000000000000000b2\","
                + "\"title\":\"t\",\"resourceType\":\"CPU\",\"region\":\"r\",\"unit\":\"core\",\"pricePerHour\":0,\"tier\":\"BASIC\","
                + "\"provisioner\":\"local-process\",\"templates\":[],\"maxUnits\":1,\"maxHours\":1}]}";
        assertThatThrownBy(() -> JsonOfferCatalog.read(json, new ByteArrayInputStream(free.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
