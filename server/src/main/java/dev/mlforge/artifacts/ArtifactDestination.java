package dev.mlforge.artifacts;

import dev.mlforge.config.ServerConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The folder named by {@code artifacts-destination}: a folder path or a {@code file:///} URI, and
 * {@code <data-dir>/artifacts} when unset. Remote stores (s3://, gs://) are not supported, and say so.
 */
public final class ArtifactDestination {
    static final String KEY = "artifacts-destination";

    private ArtifactDestination() {}

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
                throw config.values().invalid(KEY, destination, "a local folder path or a file:/// URI; remote stores are not supported");
            }
            return Path.of(destination).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw config.values().invalid(KEY, destination, "a folder path or a file:/// URI (" + e.getMessage() + ")");
        }
    }
}
