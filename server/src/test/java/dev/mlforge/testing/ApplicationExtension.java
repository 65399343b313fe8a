package dev.mlforge.testing;

import dev.mlforge.app.Application;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import dev.mlforge.store.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Boots the real {@link Application} on a free loopback port with a temporary data dir, so every HTTP test starts the
 * server the one way users do, as JDBI's {@code JdbiExtension} hands a test its database.
 *
 * <p>A static field gives the test class one application, an instance field one per test:
 * <pre>{@code
 * @RegisterExtension
 * static final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("serving.max-batch-size", "4");
 *
 * @Test
 * void something() {
 *     server.http().post("/api/2.0/mlflow/experiments/create", "{\"name\": \"e\"}").ok();
 *     MlforgeClient client = MlforgeClient.create(server.baseUrl());   // the SDK, in the sdk and cli modules
 * }
 * }</pre>
 * The store is a SQLite file in the data dir, or a fresh database of the JVM's embedded PostgreSQL
 * ({@link #postgres()}). A test that needs its own configuration registers {@link #startOnFirstUse()} and sets it
 * with {@link #withConfig} before it first reaches the application. The SDK client is handed by the sdk's test-jar
 * ({@code dev.mlforge.sdk.testing.ClientExtension}, built on this one): the sdk module's tests depend on this module,
 * so the server's tests cannot depend on the sdk without a cycle.
 */
public final class ApplicationExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private final boolean postgres;
    private final Map<String, Function<Path, String>> extraConfig = new LinkedHashMap<>();
    private Path dataDir;
    private ServerConfig config;
    private Application application;
    private TestHttp http;
    private boolean perClass;
    private boolean lazy;
    private String authorization;

    private ApplicationExtension(boolean postgres) {
        this.postgres = postgres;
    }

    /** The application on a SQLite file in its temporary data dir (the default store). */
    public static ApplicationExtension sqlite() {
        return new ApplicationExtension(false);
    }

    /** The application on a fresh database of the JVM's embedded PostgreSQL. */
    public static ApplicationExtension postgres() {
        return new ApplicationExtension(true);
    }

    /**
     * Boots the application when the test first reaches it rather than before the test, so that each test may set its
     * own configuration keys first (one application per test: register it in an instance field).
     */
    public ApplicationExtension startOnFirstUse() {
        lazy = true;
        return this;
    }

    /**
     * Starts in {@code auth.mode=basic} with {@code user} as the first administrator, and makes {@link #http()} send
     * that administrator's Basic credentials unless a request sets its own {@code Authorization}.
     */
    public ApplicationExtension withBasicAuth(String user, String password) {
        withConfig("auth.mode", "basic").withConfig("admin-username", user).withConfig("admin-password", password);
        authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return this;
    }

    /** Sets a configuration key ({@code serving.max-batch-size}, {@code pipelines.base-dir}, ...) before the start. */
    public ApplicationExtension withConfig(String key, String value) {
        return withConfig(key, dataDir -> value);
    }

    /** Artifacts in {@code bucket} under {@code prefix} ("" for its root), as {@code --artifacts-destination s3://...} sets. */
    public ApplicationExtension withS3Artifacts(S3Bucket bucket, String prefix) {
        return withConfig("artifacts-destination", bucket.uri(prefix))
                .withConfig("artifacts.s3.endpoint-url", dataDir -> bucket.endpoint().toString());
    }

    /** Sets a configuration key whose value depends on the temporary data dir (a folder inside it, say). */
    public ApplicationExtension withConfig(String key, Function<Path, String> valueForDataDir) {
        if (application != null) {
            throw new IllegalStateException("The application is running: set " + key + " before the test first reaches it");
        }
        extraConfig.put(key, valueForDataDir);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (lazy) {
            throw new IllegalStateException("startOnFirstUse() gives one application per test: register it in an instance field");
        }
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** The running application, to reach its services where a test checks what HTTP did underneath. */
    public Application application() {
        bootIfDeferred();
        return started(application);
    }

    /** The port the application listens on. */
    public int port() {
        return application().port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return application().baseUrl();
    }

    /** A JSON client of this application over the JDK HttpClient. */
    public TestHttp http() {
        bootIfDeferred();
        return started(http);
    }

    /** The data dir (its SQLite file and, unless configured elsewhere, its artifacts); reaching it boots nothing. */
    public Path dataDir() {
        return started(dataDir);
    }

    /** The configuration the application was started with. */
    public ServerConfig config() {
        bootIfDeferred();
        return started(config);
    }

    /** Closes the application and starts a new one on the same data dir and store, as a restarted server would. */
    public Application restart() {
        started(application).close();
        application = new Application(config).start();
        http = new TestHttp(application.baseUrl(), authorization);
        return application;
    }

    private void start() {
        try {
            dataDir = Files.createTempDirectory("mlforge-app-").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!lazy) {
            boot();
        }
    }

    private void bootIfDeferred() {
        if (lazy && application == null && dataDir != null) {
            boot();
        }
    }

    private void boot() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("host", "127.0.0.1");
        values.put("port", "0");
        values.put("data-dir", dataDir.toString());
        if (postgres) {
            values.put("backend-store-uri", TestDatabases.newPostgresDatabase());
        }
        extraConfig.forEach((key, value) -> values.put(key, value.apply(dataDir)));
        config = ServerConfig.from(ConfigValues.of(values));
        application = new Application(config).start();
        http = new TestHttp(application.baseUrl(), authorization);
    }

    private void stop() {
        if (application != null) {
            application.close();
            application = null;
        }
        if (dataDir != null) {
            Folders.delete(dataDir);
            dataDir = null;
        }
    }

    private <T> T started(T value) {
        if (value == null) {
            throw new IllegalStateException("The application is not running: register ApplicationExtension with @RegisterExtension");
        }
        return value;
    }
}
