package dev.mlforge.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the datasets committed under {@code datasets/} at the repository root, from any module's working directory. */
public final class RepoDatasets {
    private RepoDatasets() {}

    public static Path wine() {
        return find("datasets/wine.csv");
    }

    public static Path breastCancer() {
        return find("datasets/breast_cancer.csv");
    }

    public static Path find(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find " + relative + " above " + Path.of("").toAbsolutePath());
    }
}
