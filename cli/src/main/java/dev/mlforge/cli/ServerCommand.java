package dev.mlforge.cli;

import dev.mlforge.app.Application;
import dev.mlforge.config.ConfigLoader;
import dev.mlforge.config.ServerConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    @Option(names = "--config", description = "YAML configuration file (also MLFORGE_CONFIG).")
    Path configFile;

    @Option(names = "--exit-when-ready", hidden = true,
            description = "Start, then stop at once (the launcher uses it to record a class-data-sharing archive).")
    boolean exitWhenReady;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("host", host);
        flags.put("port", port);
        flags.put("data-dir", dataDir);
        flags.put("backend-store-uri", backendStoreUri);
        flags.put("artifacts-destination", artifactsDestination);
        ServerConfig config = ServerConfig.from(ConfigLoader.fromSystemEnvironment().load(configFile, flags));
        Application application = new Application(config).start();
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
}
