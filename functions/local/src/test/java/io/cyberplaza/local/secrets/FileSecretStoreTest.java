package io.cyberplaza.local.secrets;

import io.cyberplaza.core.secret.SecretNotFoundException;
import io.cyberplaza.core.secret.SecretStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSecretStoreTest {
    @TempDir
    Path dir;

    @Test
    void writtenSecretsAreReadBackFromAFileOnlyTheOwnerCanRead() throws Exception {
        Path file = dir.resolve("state/secrets.json");
        SecretStore store = FileSecretStore.write(file, Map.of(SecretStore.JWT_SIGNING_KEY, "k".repeat(40)));
        assertThat(store.get(SecretStore.JWT_SIGNING_KEY)).isEqualTo("k".repeat(40));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void aMissingSecretNamesTheSecretAndNotAnyValue() throws Exception {
        SecretStore store = FileSecretStore.write(dir.resolve("secrets.json"), Map.of(SecretStore.JWT_SIGNING_KEY, "top-secret-value"));
        assertThatThrownBy(() -> store.get(SecretStore.SETTLER_KEY))
                .isInstanceOf(SecretNotFoundException.class)
                .hasMessageContaining(SecretStore.SETTLER_KEY)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("top-secret-value"));
        assertThatThrownBy(() -> new FileSecretStore(dir.resolve("absent.json")).get(SecretStore.SETTLER_KEY))
                .isInstanceOf(SecretNotFoundException.class);
    }

    @Test
    void aFileOthersCanReadIsRefused() throws Exception {
        Path file = dir.resolve("secrets.json");
        FileSecretStore.write(file, Map.of(SecretStore.SETTLER_KEY, "ab"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> new FileSecretStore(file).get(SecretStore.SETTLER_KEY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chmod 600");
    }
}
