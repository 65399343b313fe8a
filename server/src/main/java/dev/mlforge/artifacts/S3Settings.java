package dev.mlforge.artifacts;

import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The S3 artifact store's settings ({@code artifacts.s3.*}), read once at start-up.
 *
 * @param location        bucket and key prefix ({@code artifacts-destination})
 * @param endpoint        S3-compatible endpoint, or null for AWS's own ({@code artifacts.s3.endpoint-url})
 * @param region          region name, or null to ask the AWS profile ({@code artifacts.s3.region})
 * @param pathStyle       path-style requests ({@code artifacts.s3.path-style})
 * @param partSize        bytes per multipart upload part ({@code artifacts.s3.part-size})
 * @param cacheDir        local cache of files runtimes need on disk ({@code <data-dir>/artifact-cache})
 * @param cacheBytes      most bytes that cache keeps ({@code artifacts.s3.cache-size})
 * @param presignedTtl    lifetime of pre-signed download URLs, or null when downloads stream through the server
 */
public record S3Settings(S3Location location, URI endpoint, String region, boolean pathStyle, int partSize, Path cacheDir,
        long cacheBytes, Duration presignedTtl) {

    public static S3Settings from(ServerConfig config, S3Location location) {
        ConfigValues values = config.values();
        String endpointText = values.string("artifacts.s3.endpoint-url", null);
        URI endpoint = endpointText == null ? null : endpoint(values, endpointText);
        String region = values.string("artifacts.s3.region", null);
        boolean pathStyle = values.bool("artifacts.s3.path-style", endpoint != null);
        int partSize = (int) values.longValue("artifacts.s3.part-size", 8L << 20, 5L << 20, 5L << 30);
        long cacheBytes = values.longValue("artifacts.s3.cache-size", 4L << 30, 1L << 20, 1L << 40);
        boolean presigned = values.bool("artifacts.s3.presigned-downloads", false);
        long ttl = values.longValue("artifacts.s3.presigned-ttl-seconds", 300, 1, 604_800);
        return new S3Settings(location, endpoint, region, pathStyle, partSize, config.dataDir().resolve("artifact-cache"),
                cacheBytes, presigned ? Duration.ofSeconds(ttl) : null);
    }

    private static URI endpoint(ConfigValues values, String text) {
        try {
            URI uri = new URI(text);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw values.invalid("artifacts.s3.endpoint-url", text, "an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw values.invalid("artifacts.s3.endpoint-url", text, "an http:// or https:// URL (" + e.getMessage() + ")");
        }
    }
}
