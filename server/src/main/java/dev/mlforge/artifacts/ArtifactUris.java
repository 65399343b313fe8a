package dev.mlforge.artifacts;

import dev.mlforge.http.MlforgeException;

/**
 * The artifact URIs handed to clients and stored with runs and model versions, and the relative paths of the
 * {@link ArtifactRepository} they name. Accepted: {@code mlflow-artifacts:/P}, {@code mlflow-artifacts://host/P}
 * (MLflow emits both), {@code mlflow-artifacts:///P}, and the same with {@code mlforge-artifacts}. Anything
 * else ({@code file://}, {@code s3://}, plain paths, other schemes) is refused with INVALID_PARAMETER_VALUE,
 * and so is any {@code P} that {@link ArtifactRepository} would refuse.
 */
public final class ArtifactUris {
    /** The scheme of the URIs this server hands out, as MLflow's proxied artifact store does. */
    public static final String SCHEME = "mlflow-artifacts";
    private static final String[] SCHEMES = {"mlflow-artifacts:", "mlforge-artifacts:"};

    private ArtifactUris() {}

    /** The validated relative path named by {@code uri} ({@code ""} for the root). */
    public static String relativePath(String uri) {
        if (uri == null || uri.isBlank()) {
            throw MlforgeException.invalidParameter("Missing artifact URI");
        }
        for (String scheme : SCHEMES) {
            if (uri.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return ArtifactPaths.normalize(pathPart(uri, uri.substring(scheme.length())));
            }
        }
        throw unsupported(uri);
    }

    /** The validated relative path of {@code subPath} below the location named by {@code uri}. */
    public static String relativePath(String uri, String subPath) {
        return ArtifactPaths.join(relativePath(uri), subPath);
    }

    /** The {@code mlflow-artifacts:/P} URI of a relative path (validated). */
    public static String toUri(String relativePath) {
        return SCHEME + ":/" + ArtifactPaths.normalize(relativePath);
    }

    /** Strips the {@code //host} authority, if any, and the leading slash; refuses queries and fragments. */
    private static String pathPart(String uri, String rest) {
        if (rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
            throw MlforgeException.invalidParameter("Invalid artifact URI '" + uri + "': queries and fragments are not allowed");
        }
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            return slash < 0 ? "" : rest.substring(slash + 1);
        }
        if (rest.startsWith("/")) {
            return rest.substring(1);
        }
        throw MlforgeException.invalidParameter("Invalid artifact URI '" + uri + "': expected " + SCHEME + ":/PATH");
    }

    private static MlforgeException unsupported(String uri) {
        return MlforgeException.invalidParameter("Unsupported artifact URI '" + uri + "': this server stores artifacts itself "
                + "and accepts only " + SCHEME + ":/PATH (or mlforge-artifacts:/PATH) URIs");
    }
}
