package dev.mlforge.testsupport;

import dev.mlforge.api.MlforgeException;
import dev.mlforge.artifacts.ArtifactRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A hand-written fake of {@link ArtifactRepository} over a temporary folder, standing in for the artifacts
 * helper's implementation (not merged yet). Only the path checks needed by these tests are done.
 */
public final class TempDirArtifacts implements ArtifactRepository {
    private final Path root;

    public TempDirArtifacts(Path root) {
        this.root = root;
    }

    private Path resolve(String path) {
        if (path.contains("..") || path.startsWith("/")) {
            throw MlforgeException.invalidParameter("Invalid artifact path " + path);
        }
        return root.resolve(path);
    }

    @Override
    public long write(String path, InputStream content) {
        try {
            Path file = resolve(path);
            Files.createDirectories(file.getParent());
            return Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream read(String path) {
        try {
            return Files.newInputStream(resolve(path));
        } catch (IOException e) {
            throw MlforgeException.notFound("No artifact at " + path);
        }
    }

    @Override
    public List<ArtifactFile> list(String path) {
        Path dir = resolve(path);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().map(this::entry).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<ArtifactFile> listRecursively(String path) {
        Path dir = resolve(path);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted()
                    .map(file -> new ArtifactFile(dir.relativize(file).toString(), false, size(file))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ArtifactFile entry(Path file) {
        boolean dir = Files.isDirectory(file);
        return new ArtifactFile(root.relativize(file).toString(), dir, dir ? null : size(file));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean delete(String path) {
        Path target = resolve(path);
        if (!Files.exists(target)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(target)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(resolve(path));
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(resolve(path));
    }

    @Override
    public Path localPath(String path) {
        return resolve(path);
    }
}
