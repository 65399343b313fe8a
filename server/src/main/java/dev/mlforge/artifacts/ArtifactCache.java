package dev.mlforge.artifacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Local copies of remote artifact files, for the libraries that can only open a path (ONNX Runtime, Tribuo, Python
 * workers). A copy is kept while its remote version (ETag) is unchanged; beyond {@code maxBytes}, the least recently
 * used files are deleted, never those of the current request. Emptied at start: it holds nothing a restart needs.
 */
final class ArtifactCache {
    /** What a remote file is now: its version tag and size. */
    record Remote(String etag, long size) {}

    /** Downloads the remote file at an artifact path into a local file. */
    interface Downloader {
        void download(String path, Path target) throws IOException;
    }

    private final Path root;
    private final long maxBytes;
    /** Cached files by artifact path, least recently used first. */
    private final LinkedHashMap<String, Remote> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    ArtifactCache(Path root, long maxBytes) {
        this.maxBytes = maxBytes;
        try {
            deleteTree(root);
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the artifact cache " + root, e);
        }
    }

    /**
     * The local path of the artifact path {@code path} after making the files below it ({@code files}, by full
     * artifact path) current; a file or folder of the cache, or where one would be when {@code files} is empty.
     */
    synchronized Path materialize(String path, Map<String, Remote> files, Downloader downloader) throws IOException {
        for (Map.Entry<String, Remote> file : files.entrySet()) {
            Remote cached = entries.get(file.getKey());
            Path target = ArtifactPaths.resolve(root, file.getKey());
            if (cached == null || !cached.equals(file.getValue()) || !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                fetch(file.getKey(), file.getValue(), target, downloader);
            }
        }
        removeStale(path, files.keySet());
        evict(files.keySet());
        return ArtifactPaths.resolve(root, path);
    }

    /** Bytes the cache holds now. */
    synchronized long bytes() {
        return bytes;
    }

    private void fetch(String path, Remote remote, Path target, Downloader downloader) throws IOException {
        forget(path);
        Path parent = makeParents(target);
        Path temp = Files.createTempFile(parent, LocalArtifactRepository.TEMP_PREFIX, LocalArtifactRepository.TEMP_SUFFIX);
        try {
            downloader.download(path, temp);
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(target);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        entries.put(path, remote);
        bytes += remote.size();
    }

    /** Creates the folders down to {@code target}'s parent, replacing a stale cached file in the way. */
    private Path makeParents(Path target) throws IOException {
        Path current = root;
        for (Path segment : root.relativize(target.getParent())) {
            current = current.resolve(segment);
            if (Files.isRegularFile(current, LinkOption.NOFOLLOW_LINKS)) {
                forget(root.relativize(current).toString().replace(current.getFileSystem().getSeparator(), "/"));
                Files.delete(current);
            }
        }
        return Files.createDirectories(target.getParent());
    }

    /** Drops cached files below a folder {@code path} that the remote store no longer has. */
    private void removeStale(String path, Set<String> current) throws IOException {
        String below = path.isEmpty() ? "" : path + "/";
        List<String> stale = entries.keySet().stream()
                .filter(cached -> (path.isEmpty() || cached.startsWith(below)) && !current.contains(cached)).toList();
        for (String cached : stale) {
            forget(cached);
            Files.deleteIfExists(ArtifactPaths.resolve(root, cached));
        }
    }

    private void evict(Set<String> keep) throws IOException {
        Iterator<Map.Entry<String, Remote>> oldest = entries.entrySet().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            Map.Entry<String, Remote> entry = oldest.next();
            if (!keep.contains(entry.getKey())) {
                oldest.remove();
                bytes -= entry.getValue().size();
                Files.deleteIfExists(ArtifactPaths.resolve(root, entry.getKey()));
            }
        }
    }

    private void forget(String path) {
        Remote removed = entries.remove(path);
        if (removed != null) {
            bytes -= removed.size();
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Test hook: every cached file below the root, for assertions on what eviction left. */
    List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
