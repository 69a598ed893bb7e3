package io.cyberplaza.local.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cyberplaza.core.secret.SecretNotFoundException;
import io.cyberplaza.core.secret.SecretStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The local runner's secret store: one JSON object of name to value in a file only its owner may
 * read (like an SSH key, a file others can read is refused).
 */
public final class FileSecretStore implements SecretStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    public FileSecretStore(Path file) {
        this.file = file;
    }

    /** Writes the secrets (replacing the file whole, never leaving it half written or readable by others). */
    public static FileSecretStore write(Path file, Map<String, String> secrets) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, ".secrets", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            JSON.writeValue(partial.toFile(), secrets);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return new FileSecretStore(file);
    }

    @Override
    public String get(String name) {
        String value = read().get(name);
        if (value == null || value.isBlank()) throw new SecretNotFoundException(name, "not in " + file);
        return value;
    }

    private Map<String, String> read() {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IllegalStateException("secrets file " + file + " may be read by others ("
                        + PosixFilePermissions.toString(permissions) + "); chmod 600 it");
            }
            return JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() { });
        } catch (NoSuchFileException e) {
            throw new SecretNotFoundException(file.toString(), "the secrets file does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("secrets file " + file + " cannot be read", e);
        }
    }
}
