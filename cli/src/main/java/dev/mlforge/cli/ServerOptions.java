package dev.mlforge.cli;

import dev.mlforge.sdk.MlforgeClient;
import dev.mlforge.sdk.ServerLocation;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --tracking-uri} option every client command shares, and the one way they find the server: the flag,
 * else {@code MLFORGE_TRACKING_URI}, else {@code MLFLOW_TRACKING_URI}, else the local default ({@link ServerLocation});
 * and {@code --workspace}, the workspace they work in (else {@code MLFORGE_WORKSPACE}, else {@code MLFLOW_WORKSPACE}).
 */
public class ServerOptions {
    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "Server URL (default: $MLFORGE_TRACKING_URI, else $MLFLOW_TRACKING_URI, else "
                    + ServerLocation.DEFAULT_TRACKING_URI + ").")
    String trackingUri;

    @Option(names = "--workspace", paramLabel = "NAME",
            description = "Workspace to work in (default: $MLFORGE_WORKSPACE, else $MLFLOW_WORKSPACE, else the server's default).")
    String workspace;

    /** The server chosen by flag, then environment, then default, with credentials from the environment. */
    public ServerLocation location() {
        return location(System.getenv());
    }

    /** The server for {@code environment} (tests pass their own). */
    public ServerLocation location(Map<String, String> environment) {
        return ServerLocation.resolve(trackingUri, environment).withWorkspace(workspace);
    }

    /** The client for {@link #location()}. */
    public MlforgeClient client() {
        return location().builder().build();
    }
}
