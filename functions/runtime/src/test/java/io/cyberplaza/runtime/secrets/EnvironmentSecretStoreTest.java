package io.cyberplaza.runtime.secrets;

import io.cyberplaza.core.secret.SecretNotFoundException;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.provisioner.azure.AzureComputeVendor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentSecretStoreTest {

    @Test
    void aSecretIsReadFromTheVariableThePlatformSets() {
        SecretStore secrets = EnvironmentSecretStore.of(environment(Map.of(EnvironmentSecretStore.variableOf(SecretStore.SETTLER_KEY), "0xabc")));

        assertThat(secrets.get(SecretStore.SETTLER_KEY)).isEqualTo("0xabc");
    }

    @Test
    void aMissingSecretNamesItsVariableButAPresentOneIsNeverShown() {
        SecretStore secrets = EnvironmentSecretStore.of(environment(Map.of("CYBERPLAZA_SECRET_JWT_SIGNING_KEY", "   ",
                "CYBERPLAZA_SECRET_WEBHOOK_AZURE_KEY", "s3cr3t")));

        assertThat(secrets.get(AzureComputeVendor.WEBHOOK_KEY_SECRET)).isEqualTo("s3cr3t");
        assertThatThrownBy(() -> secrets.get(SecretStore.JWT_SIGNING_KEY))
                .isInstanceOf(SecretNotFoundException.class)
                .hasMessageContaining("CYBERPLAZA_SECRET_JWT_SIGNING_KEY")
                .hasMessageNotContaining("s3cr3t");
    }

    /** Configuration read from these variables by the convention Micronaut applies to the process's environment. */
    private static Environment environment(Map<String, Object> variables) {
        return ApplicationContext.builder()
                .propertySources(PropertySource.of("variables", variables, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .build().start().getEnvironment();
    }
}
