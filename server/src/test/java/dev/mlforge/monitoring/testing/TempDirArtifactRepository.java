package dev.mlforge.monitoring.testing;

import dev.mlforge.api.MlforgeException;
import dev.mlforge.artifacts.ArtifactRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A hand-written fake of {@link ArtifactRepository} over a temporary folder, standing in for the artifacts helper's
 * repository (not on main yet). Only what the reference source uses is implemented.
 */
public final class TempDirArtifactRepository implements ArtifactRepository {
    private final Path root;

    public TempDirArtifactRepository(Path root) {
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
            Path target = resolve(path);
            Files.createDirectories(target.getParent());
            return Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeString(String path, String content) {
        write(path, new java.io.ByteArrayInputStream(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
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
        throw new UnsupportedOperationException("not used by monitoring");
    }

    @Override
    public List<ArtifactFile> listRecursively(String path) {
        throw new UnsupportedOperationException("not used by monitoring");
    }

    @Override
    public boolean delete(String path) {
        try {
            return Files.deleteIfExists(resolve(path));
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
