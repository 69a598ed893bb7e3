package io.cyberplaza.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root, from which tests find the project's own installed tools. */
public final class RepositoryRoot {
    private RepositoryRoot() {
    }

    /** {@code cyberplaza.root} when set, else the nearest directory above the working one that holds the launcher. */
    public static Path find() {
        String configured = System.getProperty("cyberplaza.root");
        if (configured != null) return Path.of(configured);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("cyberplaza")) && Files.isDirectory(dir.resolve("testing"))) return dir;
        }
        throw new IllegalStateException("not inside the repository: set -Dcyberplaza.root");
    }
}
