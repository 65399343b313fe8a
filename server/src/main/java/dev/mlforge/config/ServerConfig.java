package dev.mlforge.config;

import java.nio.file.Path;

/**
 * The server's effective configuration, built once at start-up and passed by constructor.
 *
 * @param host             address to bind ({@code host})
 * @param port             port to bind, 0 for any free one ({@code port})
 * @param dataDir          folder of the embedded database and artifacts ({@code data-dir})
 * @param backendStoreUri  database URI; null means the SQLite file in the data dir ({@code backend-store-uri})
 * @param artifactsDestination artifact root URI; null means {@code <data-dir>/artifacts} ({@code artifacts-destination})
 * @param maxRequestBytes  largest JSON request body accepted ({@code max-request-size})
 * @param values           all values, for the features' own config records ({@code ServingConfig.from(values)})
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        String backendStoreUri,
        String artifactsDestination,
        long maxRequestBytes,
        ConfigValues values) {

    public static ServerConfig from(ConfigValues values) {
        String host = values.string("host", "127.0.0.1");
        int port = values.integer("port", 5000, 0, 65535);
        Path dataDir = Path.of(values.string("data-dir", "./mlforge-data")).toAbsolutePath().normalize();
        String backend = values.string("backend-store-uri", null);
        if (backend != null && !(backend.startsWith("sqlite:") || backend.startsWith("postgresql:")
                || backend.startsWith("postgres:") || backend.startsWith("jdbc:sqlite:") || backend.startsWith("jdbc:postgresql:"))) {
            throw values.invalid("backend-store-uri", SecretText.redactedUri(backend), "a sqlite:///FILE or postgresql://USER:PASSWORD@HOST:PORT/DB URI");
        }
        String artifacts = values.string("artifacts-destination", null);
        long maxRequest = values.longValue("max-request-size", 16L * 1024 * 1024, 1024, 1L << 31);
        return new ServerConfig(host, port, dataDir, backend, artifacts, maxRequest, values);
    }

    /** A configuration for tests and embedded use: loopback, any free port, the given data dir. */
    public static ServerConfig forDataDir(Path dataDir) {
        return new ServerConfig("127.0.0.1", 0, dataDir.toAbsolutePath().normalize(), null, null, 16L * 1024 * 1024,
                ConfigValues.of(java.util.Map.of()));
    }

    public ServerConfig withBackendStoreUri(String uri) {
        return new ServerConfig(host, port, dataDir, uri, artifactsDestination, maxRequestBytes, values);
    }
}
