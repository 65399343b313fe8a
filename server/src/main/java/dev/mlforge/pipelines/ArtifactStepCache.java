package dev.mlforge.pipelines;

import dev.mlforge.artifacts.ArtifactRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Step results kept in the artifact repository ({@code pipeline-cache/<key>/...}, so in S3 with an S3 destination),
 * indexed by the {@code pipeline_step_cache} table: a cache hit needs no earlier local copy. The step's output folder
 * ({@code <work-dir>/cache/<key>}) is only a working copy: a hit on a server whose folder lacks the files (another
 * replica, a fresh disk) downloads them into it first.
 */
final class ArtifactStepCache implements StepCache {
    static final String ROOT = "pipeline-cache";

    private final JdbiStepCache index;
    private final ArtifactRepository artifacts;
    private final Path cacheDir;

    /** @param cacheDir this server's folder of cached step outputs, {@code <work-dir>/cache} */
    ArtifactStepCache(JdbiStepCache index, ArtifactRepository artifacts, Path cacheDir) {
        this.index = index;
        this.artifacts = artifacts;
        this.cacheDir = cacheDir;
    }

    @Override
    public Optional<Map<String, StepValue>> find(String key) {
        Optional<Map<String, StepValue>> recorded = index.recorded(key);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        Map<String, StepValue> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, StepValue> entry : recorded.get().entrySet()) {
            StepValue value = entry.getValue();
            if (value instanceof StepValue.FileValue file) {
                Optional<Path> local = restore(key, file);
                if (local.isEmpty()) {
                    return Optional.empty();
                }
                value = new StepValue.FileValue(local.get().toString(), file.digest());
            }
            outputs.put(entry.getKey(), value);
        }
        return Optional.of(outputs);
    }

    @Override
    public void save(String key, String stepType, Map<String, StepValue> outputs) {
        Path folder = cacheDir.resolve(key);
        for (StepValue value : outputs.values()) {
            if (value instanceof StepValue.FileValue file && file.file().toAbsolutePath().startsWith(folder.toAbsolutePath())) {
                upload(file.file(), artifactPath(key, folder.toAbsolutePath().relativize(file.file().toAbsolutePath())));
            }
        }
        index.save(key, stepType, outputs);
    }

    /**
     * The output on this server's disk: as recorded when present and unchanged, else downloaded from the repository
     * into this server's cache folder (the recorded path may be another server's); empty when neither holds the
     * content the digest recorded (a changed copy is never served: the step runs again).
     */
    private Optional<Path> restore(String key, StepValue.FileValue file) {
        Optional<Path> relative = relativeToKey(file.file(), key);
        Path local = relative.map(path -> cacheDir.resolve(key).resolve(path)).orElse(file.file());
        if (Files.exists(local) && holds(local, file)) {
            return Optional.of(local);
        }
        if (relative.isEmpty() || !artifacts.exists(artifactPath(key, relative.get()))) {
            return Optional.empty();
        }
        deleteTree(local);
        download(artifactPath(key, relative.get()), local);
        if (!holds(local, file)) {
            deleteTree(local);
            return Optional.empty();
        }
        return Optional.of(local);
    }

    private static boolean holds(Path local, StepValue.FileValue file) {
        return Digests.ofPath(local).equals(file.digest());
    }

    private static void deleteTree(Path path) {
        try {
            Folders.deleteTree(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the changed cache copy " + path, e);
        }
    }

    /** The part of {@code recorded} after its {@code cache/<key>} folders, whichever server's work dir it was. */
    private static Optional<Path> relativeToKey(Path recorded, String key) {
        for (int i = 1; i < recorded.getNameCount(); i++) {
            if (recorded.getName(i).toString().equals(key) && recorded.getName(i - 1).toString().equals("cache")) {
                return i + 1 < recorded.getNameCount() ? Optional.of(recorded.subpath(i + 1, recorded.getNameCount()))
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String artifactPath(String key, Path relative) {
        return ROOT + "/" + key + "/" + relative.toString().replace('\\', '/');
    }

    private void upload(Path local, String target) {
        try (Stream<Path> walk = Files.walk(local)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String path = file.equals(local) ? target
                        : target + "/" + local.relativize(file).toString().replace('\\', '/');
                try (InputStream in = Files.newInputStream(file)) {
                    artifacts.write(path, in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the step output " + local + " at artifact " + target, e);
        }
    }

    private void download(String stored, Path local) {
        try {
            if (artifacts.isDirectory(stored)) {
                List<ArtifactRepository.ArtifactFile> files = artifacts.listRecursively(stored);
                for (ArtifactRepository.ArtifactFile file : files) {
                    if (!file.isDir()) {
                        copy(stored + "/" + file.path(), local.resolve(file.path()));
                    }
                }
                Files.createDirectories(local);
            } else {
                copy(stored, local);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restore the cached step output " + stored + " to " + local, e);
        }
    }

    /** Downloads next to the target, then moves it in place: a concurrent reader never sees half a file. */
    private void copy(String stored, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), ".download-", ".part");
        try (InputStream in = artifacts.read(stored)) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
