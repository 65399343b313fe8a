package dev.mlforge.sdk;

import java.net.URI;

/**
 * Maps an artifact URI of the proxied store ({@code mlflow-artifacts:/1/<run>/artifacts}) to the path under
 * {@code /api/2.0/mlflow-artifacts/artifacts/} that serves it, as MLflow's clients do.
 */
final class ArtifactLocation {
    static final String PROXY_PREFIX = "/api/2.0/mlflow-artifacts/artifacts";
    private static final String SCHEME = "mlflow-artifacts:";

    private ArtifactLocation() { }

    /**
     * The proxy-relative root of {@code artifactUri}, without leading or trailing slash.
     *
     * @throws MlforgeClientException when the URI is not served through the artifact proxy
     */
    static String proxyRoot(String artifactUri) {
        if (artifactUri == null || !artifactUri.startsWith(SCHEME)) {
            throw new MlforgeClientException(0, null, "artifact URI " + artifactUri
                    + " is not served through the artifact proxy (expected mlflow-artifacts:/...)", null);
        }
        String path = artifactUri.startsWith(SCHEME + "//") ? URI.create(artifactUri).getPath()
                : artifactUri.substring(SCHEME.length());
        return trimSlashes(path);
    }

    /** {@code parent/child}, where either part may be empty or null. */
    static String join(String parent, String child) {
        String left = trimSlashes(parent);
        String right = trimSlashes(child);
        if (left.isEmpty()) {
            return right;
        }
        return right.isEmpty() ? left : left + "/" + right;
    }

    /** The URL path of an artifact: the proxy prefix plus each segment percent-encoded. */
    static String urlPath(String proxyPath) {
        StringBuilder url = new StringBuilder(PROXY_PREFIX);
        for (String segment : trimSlashes(proxyPath).split("/")) {
            if (!segment.isEmpty()) {
                url.append('/').append(HttpTransport.encode(segment));
            }
        }
        return url.toString();
    }

    static String trimTrailing(String uri) {
        String text = uri;
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    static String trimSlashes(String path) {
        if (path == null) {
            return "";
        }
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
