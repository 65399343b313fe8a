package dev.mlforge.artifacts;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Artifacts as files under one local folder. Every path goes through {@link ArtifactPaths}, so none can
 * leave the folder; writes stream into a temporary file next to the target and are moved into place
 * atomically, so a failed or interrupted upload never leaves a partial file under the final name.
 */
public final class LocalArtifactRepository implements ArtifactRepository {
    /** Temporary upload files start with this and are hidden from listings. */
    static final String TEMP_PREFIX = ".mlforge-upload-";
    static final String TEMP_SUFFIX = ".part";
    private static final int BUFFER_BYTES = 256 * 1024;

    private final Path root;
    /** The root as configured, which may differ from its real path (a link on the way). */
    private final Path givenRoot;

    /** Creates the root folder when missing. */
    public LocalArtifactRepository(Path root) {
        try {
            Files.createDirectories(root);
            this.givenRoot = root.toAbsolutePath().normalize();
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the artifact root " + root, e);
        }
    }

    /**
     * Deletes temporary upload files not written to since {@code cutoff}: what a killed server or a dropped
     * connection left behind (an upload in progress writes continuously). Never follows links. Returns how many.
     */
    @Override
    public int sweepAbandonedUploads(Instant cutoff) {
        int[] deleted = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String name = file.getFileName().toString();
                    if (attributes.isRegularFile() && name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)
                            && attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
                        deleteQuietly(file);
                        deleted[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot sweep abandoned uploads under " + root, e);
        }
        return deleted[0];
    }

    /** The real path of the root folder. */
    public Path root() {
        return root;
    }

    @Override
    public long write(String path, InputStream content) {
        String normal = ArtifactPaths.normalizeFile(path);
        Path target = ArtifactPaths.resolve(root, normal);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw ArtifactPaths.invalid(normal, "it is a directory");
        }
        Path parent = createParents(normal, target);
        Path temp = createTemp(normal, parent);
        try {
            long written = copyInto(normal, content, temp);
            ArtifactPaths.resolve(root, normal);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return written;
        } catch (IOException e) {
            throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Cannot store artifact '" + normal + "': " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public InputStream read(String path) {
        String normal = ArtifactPaths.normalizeFile(path);
        Path file = ArtifactPaths.resolve(root, normal);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw ArtifactPaths.invalid(normal, "it is a directory; list it instead");
        }
        try {
            // NOFOLLOW_LINKS also guards the last component against a link planted after the check.
            return Channels.newInputStream(FileChannel.open(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)));
        } catch (NoSuchFileException e) {
            throw MlforgeException.notFound("Artifact '" + normal + "' not found");
        } catch (IOException e) {
            throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Cannot read artifact '" + normal + "': " + e.getMessage(), e);
        }
    }

    @Override
    public List<ArtifactFile> list(String path) {
        String normal = ArtifactPaths.normalize(path);
        Path directory = ArtifactPaths.resolve(root, normal);
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<ArtifactFile> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                ArtifactFile file = entryOf(entry, entry.getFileName().toString());
                if (file != null) {
                    files.add(file);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Cannot list artifacts under '" + normal + "': " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(ArtifactFile::path));
        return files;
    }

    @Override
    public List<ArtifactFile> listRecursively(String path) {
        String normal = ArtifactPaths.normalize(path);
        Path directory = ArtifactPaths.resolve(root, normal);
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<ArtifactFile> files = new ArrayList<>();
        try {
            // walkFileTree does not follow symbolic links: a link is visited as a file and skipped below.
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && !isTemp(file)) {
                        String relative = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                        files.add(new ArtifactFile(relative, false, attributes.size()));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Cannot list artifacts under '" + normal + "': " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(ArtifactFile::path));
        return files;
    }

    @Override
    public boolean delete(String path) {
        String normal = ArtifactPaths.normalizeFile(path);
        Path target = ArtifactPaths.resolve(root, normal);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            Files.walkFileTree(target, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Cannot delete artifact '" + normal + "': " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(ArtifactPaths.resolve(root, ArtifactPaths.normalize(path)), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(ArtifactPaths.resolve(root, ArtifactPaths.normalize(path)), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public ArtifactFile describe(String path) {
        String normal = ArtifactPaths.normalize(path);
        ArtifactFile file = entryOf(ArtifactPaths.resolve(root, normal), normal);
        if (file == null) {
            throw MlforgeException.notFound("Artifact '" + normal + "' not found");
        }
        return file;
    }

    @Override
    public Path localPath(String path) {
        return ArtifactPaths.resolve(root, ArtifactPaths.normalize(path));
    }

    @Override
    public Optional<String> pathOf(Path file) {
        Path normal = file.toAbsolutePath().normalize();
        for (Path base : List.of(root, givenRoot)) {
            if (normal.startsWith(base)) {
                return Optional.of(base.relativize(normal).toString().replace(normal.getFileSystem().getSeparator(), "/"));
            }
        }
        return Optional.empty();
    }

    /** The entry for a file or directory (never a link, special file or upload in progress); null when none. */
    private static ArtifactFile entryOf(Path entry, String name) {
        if (isTemp(entry)) {
            return null;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isDirectory()) {
                return new ArtifactFile(name, true, null);
            }
            return attributes.isRegularFile() ? new ArtifactFile(name, false, attributes.size()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Creates the missing parent folders one by one, refusing any link planted on the way. */
    private Path createParents(String normal, Path target) {
        Path parent = target.getParent();
        try {
            Path current = root;
            for (Path segment : root.relativize(parent)) {
                current = current.resolve(segment);
                if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.createDirectory(current);
                    } catch (java.nio.file.FileAlreadyExistsException raced) {
                        // Another upload created it; the check below decides whether it is usable.
                    }
                }
                if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                    throw ArtifactPaths.invalid(normal, "'" + root.relativize(current) + "' is a file or a link, not a directory");
                }
            }
        } catch (IOException e) {
            throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Cannot create the folder of artifact '" + normal + "': " + e.getMessage(), e);
        }
        ArtifactPaths.resolve(root, normal);
        return parent;
    }

    private static Path createTemp(String normal, Path parent) {
        try {
            return Files.createTempFile(parent, TEMP_PREFIX, TEMP_SUFFIX);
        } catch (IOException e) {
            throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Cannot store artifact '" + normal + "': " + e.getMessage(), e);
        }
    }

    /** Streams the content into the temporary file and forces it to disk; a failing source is the client's fault. */
    private static long copyInto(String normal, InputStream content, Path temp) throws IOException {
        long written = 0;
        byte[] buffer = new byte[BUFFER_BYTES];
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
             OutputStream out = Channels.newOutputStream(channel)) {
            while (true) {
                int read;
                try {
                    read = content.read(buffer);
                } catch (IOException e) {
                    throw new MlforgeException(ErrorCode.BAD_REQUEST,
                            "Upload of artifact '" + normal + "' was interrupted after " + written + " bytes: " + e.getMessage(), e);
                }
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
                written += read;
            }
            channel.force(true);
        }
        return written;
    }

    private static boolean isTemp(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Best effort: a leftover temp file is hidden from listings and never carries a final name.
        }
    }
}
