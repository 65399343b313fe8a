package dev.mlforge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The folders a test made outside JUnit's {@code @TempDir} (a server's data dir, a shared database's): deleted after it. */
public final class Folders {
    private Folders() {}

    /** Deletes {@code folder} and everything under it; nothing when it is already gone. */
    public static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try {
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(folder)) {
                paths = walk.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
