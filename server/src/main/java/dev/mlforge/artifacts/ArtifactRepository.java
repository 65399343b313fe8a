package dev.mlforge.artifacts;

import dev.mlforge.http.MlforgeException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Artifact files stored under one root, addressed by relative paths such as
 * {@code 1/8f3c.../artifacts/model/model.onnx}. Every method refuses a path that could leave the root
 * ({@code ..}, absolute paths, backslashes, NUL bytes, encoded forms, symlinks) with INVALID_PARAMETER_VALUE.
 *
 * <p>The {@code mlforge-artifacts:/P} and {@code mlflow-artifacts:/P} URIs handed to clients name the
 * relative path {@code P}.
 */
public interface ArtifactRepository extends AutoCloseable {
    /** Streams {@code content} to {@code path}, replacing any file there; returns the bytes written. */
    long write(String path, InputStream content);

    /** Opens the file at {@code path}; RESOURCE_DOES_NOT_EXIST when there is none. */
    InputStream read(String path);

    /**
     * The entries directly under the directory {@code path} ("" for the root), sorted by path, each named by
     * its path relative to {@code path} (its file name); empty when absent or a file.
     */
    List<ArtifactFile> list(String path);

    /** Every file (not directory) below {@code path}, recursively, with paths relative to {@code path}. */
    List<ArtifactFile> listRecursively(String path);

    /** Deletes the file or directory tree at {@code path}; false when nothing was there. */
    boolean delete(String path);

    boolean exists(String path);

    boolean isDirectory(String path);

    /**
     * The entry of the file or directory at {@code path}, named by its full relative path;
     * RESOURCE_DOES_NOT_EXIST when there is none. The default looks it up in the listing of its parent.
     */
    default ArtifactFile describe(String path) {
        String normal = ArtifactPaths.normalize(path);
        int slash = normal.lastIndexOf('/');
        String parent = slash < 0 ? "" : normal.substring(0, slash);
        String name = normal.substring(slash + 1);
        return list(parent).stream()
                .filter(file -> file.path().equals(name))
                .findFirst()
                .map(file -> new ArtifactFile(normal, file.isDir(), file.fileSize()))
                .orElseThrow(() -> MlforgeException.notFound("Artifact '" + normal + "' not found"));
    }

    /**
     * A local file-system path of {@code path} for libraries that need one (ONNX Runtime, Tribuo);
     * a remote repository materialises the tree into a local cache first.
     */
    Path localPath(String path);

    /**
     * The relative path of {@code file}, an absolute normalised path on this host, when it lies inside this
     * repository; empty when it does not, and always for a repository that is not on this host.
     */
    default Optional<String> pathOf(Path file) {
        return Optional.empty();
    }

    /**
     * Deletes temporary upload files not written to since {@code cutoff}, what a killed server or a dropped
     * connection left behind; returns how many. A store whose uploads leave nothing behind has nothing to sweep.
     */
    default int sweepAbandonedUploads(Instant cutoff) {
        return 0;
    }

    /**
     * A URL the client may download the file at {@code path} from directly, answering with the given
     * {@code Content-Type} and {@code Content-Disposition} (a pre-signed S3 URL); empty when downloads stream through
     * the server, always for a local store.
     */
    default Optional<URI> directDownload(String path, String contentType, String contentDisposition) {
        return Optional.empty();
    }

    /** Releases connections; must not throw. */
    @Override
    default void close() {}

    /** One entry of a listing: its path relative to the listed root, and the size of a file. */
    record ArtifactFile(String path, boolean isDir, Long fileSize) {}
}
