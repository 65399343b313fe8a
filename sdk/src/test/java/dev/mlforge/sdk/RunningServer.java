package dev.mlforge.sdk;

import dev.mlforge.app.Application;
import dev.mlforge.config.ServerConfig;
import java.nio.file.Path;

/** The real mlforge server, started in-process on a free port for a test. */
final class RunningServer implements AutoCloseable {
    private final Application application;

    private RunningServer(Application application) {
        this.application = application;
    }

    static RunningServer start(Path dataDir) {
        return new RunningServer(new Application(ServerConfig.forDataDir(dataDir)).start());
    }

    String url() {
        return application.baseUrl();
    }

    MlforgeClient client() {
        return MlforgeClient.builder(url()).retries(0, java.time.Duration.ZERO, java.time.Duration.ZERO).build();
    }

    @Override
    public void close() {
        application.close();
    }
}
