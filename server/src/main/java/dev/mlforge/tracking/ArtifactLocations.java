package dev.mlforge.tracking;

import dev.mlforge.http.MlforgeException;

/**
 * Artifact URIs in proxy mode. Only {@code mlflow-artifacts:/<relative path>} is accepted from users:
 * MLflow had path-traversal CVEs from arbitrary {@code file://}, absolute and {@code ..} locations.
 */
final class ArtifactLocations {
    static final String SCHEME = "mlflow-artifacts:";

    private ArtifactLocations() {}

    static String forExperiment(String experimentId) {
        return SCHEME + "/" + experimentId;
    }

    static String forRun(String experimentArtifactLocation, String runId) {
        String base = experimentArtifactLocation.endsWith("/")
                ? experimentArtifactLocation.substring(0, experimentArtifactLocation.length() - 1)
                : experimentArtifactLocation;
        return base + "/" + runId + "/artifacts";
    }

    /** {@code <experiment location>/models/<model_id>/artifacts}, as MLflow places a logged model's files. */
    static String forLoggedModel(String experimentArtifactLocation, String modelId) {
        String base = experimentArtifactLocation.endsWith("/")
                ? experimentArtifactLocation.substring(0, experimentArtifactLocation.length() - 1)
                : experimentArtifactLocation;
        return base + "/models/" + modelId + "/artifacts";
    }

    /** Returns the location when it is safe, or throws INVALID_PARAMETER_VALUE. */
    static String validateUserLocation(String location) {
        if (!location.startsWith(SCHEME + "/")) {
            throw refused(location, "only 'mlflow-artifacts:/<path>' locations are accepted");
        }
        String path = location.substring(SCHEME.length() + 1);
        if (path.startsWith("/")) {
            throw refused(location, "the path must be relative");
        }
        if (path.isEmpty() || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0 || path.indexOf('%') >= 0) {
            throw refused(location, "the path must be non-empty and contain no backslash, NUL or percent-encoding");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw refused(location, "the path must not contain '.' or '..' segments");
            }
        }
        return location;
    }

    private static MlforgeException refused(String location, String reason) {
        return MlforgeException.invalidParameter("Invalid artifact location '" + location + "': " + reason + ".");
    }
}
