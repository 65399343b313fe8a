package dev.mlforge.artifacts;

import dev.mlforge.config.ServerConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code artifacts-destination} points: an S3 bucket ({@code s3://bucket/prefix}), or a folder given as a path
 * or a {@code file:///} URI, and {@code <data-dir>/artifacts} when unset. Other remote schemes (gs://, wasbs://) are
 * refused, naming what is accepted.
 */
public final class ArtifactDestination {
    static final String KEY = "artifacts-destination";

    private ArtifactDestination() {}

    /** The S3 location when the destination is an {@code s3://} URI; empty for a local folder. */
    public static Optional<S3Location> s3(ServerConfig config) {
        String destination = config.artifactsDestination();
        if (destination == null || !destination.regionMatches(true, 0, "s3://", 0, 5)) {
            return Optional.empty();
        }
        try {
            return Optional.of(S3Location.parse(destination.trim()));
        } catch (IllegalArgumentException e) {
            throw config.values().invalid(KEY, destination, "s3://BUCKET/PREFIX (" + e.getMessage() + ")");
        }
    }

    /** The local folder of the destination; refuses a remote one. */
    public static Path folder(ServerConfig config) {
        String destination = config.artifactsDestination();
        if (destination == null || destination.isBlank()) {
            return config.dataDir().resolve("artifacts");
        }
        try {
            if (destination.regionMatches(true, 0, "file:", 0, 5)) {
                URI uri = new URI(destination);
                if (uri.getAuthority() != null && !uri.getAuthority().equals("localhost")) {
                    throw config.values().invalid(KEY, destination, "a local folder path or a file:/// URI (no host)");
                }
                return Path.of(new URI("file", null, uri.getPath(), null)).toAbsolutePath().normalize();
            }
            if (destination.matches("^[A-Za-z][A-Za-z0-9+.-]+://.*")) {
                throw config.values().invalid(KEY, destination,
                        "a local folder path, a file:/// URI or an s3://BUCKET/PREFIX URI; other remote stores are not supported");
            }
            return Path.of(destination).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw config.values().invalid(KEY, destination, "a folder path or a file:/// URI (" + e.getMessage() + ")");
        }
    }
}
