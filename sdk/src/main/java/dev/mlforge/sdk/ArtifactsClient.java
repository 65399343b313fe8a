package dev.mlforge.sdk;

import dev.mlforge.api.tracking.FileInfo;
import dev.mlforge.api.tracking.ListArtifactsResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Uploads, downloads, lists and deletes the artifacts of runs through the server's artifact proxy
 * ({@code /api/2.0/mlflow-artifacts/artifacts/...}). Files are streamed, never held in memory.
 *
 * <p>Obtained from {@link MlforgeClient#artifacts()}; thread-safe. Artifact paths are relative to the run's
 * artifact root and use {@code /}. Failures of the server or the local file system leave as
 * {@link MlforgeClientException} and {@link UncheckedIOException}.
 */
public final class ArtifactsClient {
    private final HttpTransport transport;
    private final RunsClient runs;
    private final Duration transferTimeout;

    ArtifactsClient(HttpTransport transport, RunsClient runs, Duration transferTimeout) {
        this.transport = transport;
        this.runs = runs;
        this.transferTimeout = transferTimeout;
    }

    /**
     * Uploads a file or a directory tree to a run. A file lands at {@code artifactPath/<file name>}; the
     * content of a directory lands under {@code artifactPath}.
     *
     * @param runId the run id
     * @param local the local file or directory
     * @param artifactPath the destination directory in the run's artifacts; null or empty for the root
     * @param progress told about each file's progress
     * @return the artifact paths written, relative to the run's artifact root
     */
    public List<String> upload(String runId, Path local, String artifactPath, ProgressListener progress) {
        return uploadTo(rootOf(runId), local, artifactPath, progress);
    }

    /**
     * Uploads a file or directory tree to a run without progress reports.
     *
     * @param runId the run id
     * @param local the local file or directory
     * @param artifactPath the destination directory; null or empty for the root
     * @return the artifact paths written
     */
    public List<String> upload(String runId, Path local, String artifactPath) {
        return upload(runId, local, artifactPath, ProgressListener.NONE);
    }

    /**
     * Downloads an artifact file or directory of a run into {@code destDir}, as {@code destDir/<last path segment>}
     * (the whole artifact tree when {@code artifactPath} is empty). Each file is written to a temporary file and
     * moved in place when complete.
     *
     * @param runId the run id
     * @param artifactPath the artifact path; null or empty for all artifacts of the run
     * @param destDir the local directory, created when missing
     * @param progress told about each file's progress
     * @return the local file or directory written
     */
    public Path download(String runId, String artifactPath, Path destDir, ProgressListener progress) {
        return downloadFrom(rootOf(runId), artifactPath, destDir, progress);
    }

    /**
     * Lists one directory of a run's artifacts.
     *
     * @param runId the run id
     * @param artifactPath the directory; null or empty for the root
     * @return the entries, with paths relative to the run's artifact root (e.g. {@code model/weights.bin})
     */
    public List<FileInfo> list(String runId, String artifactPath) {
        return listIn(rootOf(runId), artifactPath);
    }

    /**
     * Deletes an artifact file or directory of a run.
     *
     * @param runId the run id
     * @param artifactPath the artifact path
     */
    public void delete(String runId, String artifactPath) {
        if (ArtifactLocation.trimSlashes(artifactPath).isEmpty()) {
            throw new IllegalArgumentException("artifactPath must name a file or directory, not the run's root");
        }
        String path = ArtifactLocation.join(rootOf(runId), artifactPath);
        HttpRequest request = transport.request(ArtifactLocation.urlPath(path), Map.of(), transferTimeout).DELETE().build();
        drain(transport.exchange(request, true));
    }

    String rootOf(String runId) {
        return ArtifactLocation.proxyRoot(runs.get(runId).info().artifactUri());
    }

    List<String> uploadTo(String root, Path local, String artifactPath, ProgressListener progress) {
        if (Files.isRegularFile(local)) {
            String target = ArtifactLocation.join(artifactPath, local.getFileName().toString());
            uploadFile(root, local, target, progress);
            return List.of(target);
        }
        if (!Files.isDirectory(local)) {
            throw new UncheckedIOException(new java.io.FileNotFoundException("no such file or directory: " + local));
        }
        List<String> written = new ArrayList<>();
        try (Stream<Path> files = Files.walk(local)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = local.relativize(file).toString().replace(local.getFileSystem().getSeparator(), "/");
                String target = ArtifactLocation.join(artifactPath, relative);
                uploadFile(root, file, target, progress);
                written.add(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    private void uploadFile(String root, Path file, String target, ProgressListener progress) {
        long size = size(file);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new ProgressInputStream(Files.newInputStream(file), target, size, progress);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), size);
        HttpRequest request = transport.request(ArtifactLocation.urlPath(ArtifactLocation.join(root, target)), Map.of(),
                transferTimeout).header("Content-Type", "application/octet-stream").PUT(body).build();
        // A PUT overwrites, so repeating it is safe.
        drain(transport.exchange(request, true));
    }

    Path downloadFrom(String root, String artifactPath, Path destDir, ProgressListener progress) {
        String path = ArtifactLocation.trimSlashes(artifactPath);
        List<FileInfo> entries = listIn(root, path);
        if (path.isEmpty() || !entries.isEmpty()) {
            Path dir = path.isEmpty() ? destDir : destDir.resolve(lastSegment(path));
            downloadTree(root, path, entries, dir, progress);
            return dir;
        }
        Path target = destDir.resolve(lastSegment(path));
        downloadFile(root, path, target, progress);
        return target;
    }

    private void downloadTree(String root, String path, List<FileInfo> entries, Path dir, ProgressListener progress) {
        createDirectories(dir);
        for (FileInfo entry : entries) {
            String name = lastSegment(entry.path());
            Path local = safeChild(dir, name);
            if (Boolean.TRUE.equals(entry.isDir())) {
                downloadTree(root, entry.path(), listIn(root, entry.path()), local, progress);
            } else {
                downloadFile(root, entry.path(), local, progress);
            }
        }
    }

    private void downloadFile(String root, String path, Path target, ProgressListener progress) {
        HttpRequest request = transport.request(ArtifactLocation.urlPath(ArtifactLocation.join(root, path)), Map.of(),
                transferTimeout).header("Accept", "*/*").GET().build();
        HttpResponse<InputStream> response = transport.exchange(request, true);
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        createDirectories(target.toAbsolutePath().getParent());
        PartialDownload.save(target, partial -> {
            try (InputStream in = new ProgressInputStream(response.body(), path, total, progress)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
        }, e -> "downloading " + path + " to " + target + " failed");
    }

    /** Lists {@code path} (relative to {@code root}) and returns entries with paths relative to {@code root}. */
    List<FileInfo> listIn(String root, String path) {
        String dir = ArtifactLocation.trimSlashes(path);
        ListArtifactsResponse answer = transport.getJson(ArtifactLocation.PROXY_PREFIX,
                Map.of("path", ArtifactLocation.join(root, dir)), ListArtifactsResponse.class);
        if (answer.files() == null) {
            return List.of();
        }
        return answer.files().stream()
                .map(file -> new FileInfo(ArtifactLocation.join(dir, lastSegment(file.path())), file.isDir(), file.fileSize()))
                .toList();
    }

    private static String lastSegment(String path) {
        String trimmed = ArtifactLocation.trimSlashes(path);
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static Path safeChild(Path dir, String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("\\")) {
            throw new MlforgeClientException(0, null, "refusing artifact name '" + name + "' from the server", null);
        }
        return dir.resolve(name);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
