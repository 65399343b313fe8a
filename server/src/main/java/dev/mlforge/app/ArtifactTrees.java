package dev.mlforge.app;

import dev.mlforge.artifacts.ArtifactRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Copies a local file tree into the artifact repository, and tells whether a stored tree holds the same files. */
final class ArtifactTrees {
    private final ArtifactRepository artifacts;

    ArtifactTrees(ArtifactRepository artifacts) {
        this.artifacts = artifacts;
    }

    /** Copies every file below the directory {@code local} to {@code target}/relative path. */
    void upload(Path local, String target) {
        localFiles(local).forEach((relative, file) -> {
            try (InputStream in = Files.newInputStream(file)) {
                artifacts.write(target + "/" + relative, in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file + " to store it at " + target, e);
            }
        });
    }

    /** Whether {@code stored} holds exactly the files of {@code local}, byte for byte. */
    boolean sameFiles(Path local, String stored) {
        if (!artifacts.isDirectory(stored)) {
            return false;
        }
        Map<String, Path> files = localFiles(local);
        List<ArtifactRepository.ArtifactFile> storedFiles = artifacts.listRecursively(stored).stream()
                .filter(file -> !file.isDir()).toList();
        if (storedFiles.size() != files.size()) {
            return false;
        }
        for (ArtifactRepository.ArtifactFile file : storedFiles) {
            Path localFile = files.get(file.path());
            if (localFile == null || !sameBytes(localFile, stored + "/" + file.path())) {
                return false;
            }
        }
        return true;
    }

    private boolean sameBytes(Path localFile, String storedPath) {
        try (InputStream in = artifacts.read(storedPath)) {
            return Arrays.equals(Files.readAllBytes(localFile), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compare " + localFile + " with artifact " + storedPath, e);
        }
    }

    private static Map<String, Path> localFiles(Path root) {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile)
                    .forEach(file -> files.put(root.relativize(file).toString().replace('\\', '/'), file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
        return files;
    }
}
