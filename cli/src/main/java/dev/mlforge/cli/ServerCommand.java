package dev.mlforge.cli;

import dev.mlforge.app.Application;
import dev.mlforge.config.ConfigLoader;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.LoggingConfigurator;
import dev.mlforge.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlforge server}: runs the tracking, registry, serving and monitoring server until stopped. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the mlforge server (MLflow-compatible API, serving, monitoring).")
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind (default 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Port to bind (default 5000; 0 picks a free port).")
    String port;

    @Option(names = "--data-dir", description = "Folder for the embedded database and artifacts (default ./mlforge-data).")
    String dataDir;

    @Option(names = "--backend-store-uri", description = "Database: sqlite:///FILE or postgresql://USER:PASSWORD@HOST:PORT/DB.")
    String backendStoreUri;

    @Option(names = "--artifacts-destination", description = "Artifact root: a folder path or file:// URI (default DATA_DIR/artifacts).")
    String artifactsDestination;

    @Option(names = "--auth", paramLabel = "none|basic|oidc",
            description = "Authentication (key auth.mode, default none): none (only while bound to loopback), basic "
                    + "(users and API tokens; first admin from MLFORGE_ADMIN_USERNAME/MLFORGE_ADMIN_PASSWORD), oidc.")
    String auth;

    @Option(names = "--config", description = "YAML configuration file (also MLFORGE_CONFIG).")
    Path configFile;

    @Option(names = "--exit-when-ready", hidden = true,
            description = "Start, then stop at once (the launcher uses it to record a class-data-sharing archive).")
    boolean exitWhenReady;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("host", host);
        flags.put("port", port);
        flags.put("data-dir", dataDir);
        flags.put("backend-store-uri", backendStoreUri);
        flags.put("artifacts-destination", artifactsDestination);
        flags.put("auth.mode", auth);
        ConfigValues values = ConfigLoader.fromSystemEnvironment().load(configFile, flags);
        LoggingConfigurator.apply(values);
        ServerConfig config = ServerConfig.from(values);
        Optional<String> unbindable = StartFailure.unbindable(config);
        if (unbindable.isPresent()) {
            return fail(unbindable.get());
        }
        Application application = startOrExplain(config);
        if (application == null) {
            return 1;
        }
        if (exitWhenReady) {
            application.close();
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            application.close();
            stopped.countDown();
        }, "mlforge-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * Starts the server; when it cannot start for a reason the user can act on, prints that reason, removes the data
     * dir if this attempt created it, and answers null. Other failures (bugs) are thrown with their stack trace.
     */
    private Application startOrExplain(ServerConfig config) {
        boolean dataDirExisted = Files.exists(config.dataDir());
        Application application = null;
        try {
            application = new Application(config);
            application.start();
            return application;
        } catch (RuntimeException e) {
            Optional<String> reason = StartFailure.describe(e, config);
            closeQuietly(application);
            if (!dataDirExisted) {
                try {
                    DataDirs.deleteTree(config.dataDir());
                } catch (java.io.UncheckedIOException ignored) {
                    // best effort: the start failure is what the user needs to read
                }
            }
            if (reason.isEmpty()) {
                throw e;
            }
            fail(reason.get());
            return null;
        }
    }

    /** Prints {@code mlforge: <reason>} as the one line of a start that could not happen; exit code 1. */
    private int fail(String reason) {
        spec.commandLine().getErr().println("mlforge: " + reason);
        spec.commandLine().getErr().flush();
        return 1;
    }

    private static void closeQuietly(Application application) {
        if (application != null) {
            try {
                application.close();
            } catch (RuntimeException ignored) {
                // the start already failed; that failure is the one reported
            }
        }
    }
}
