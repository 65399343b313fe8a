package dev.mlforge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mlforge.sdk.MlforgeClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every client command shares: which server to talk to and how to print the answer. */
final class ClientOptions {
    static final String DEFAULT_TRACKING_URI = "http://127.0.0.1:5000";
    private static final ObjectMapper JSON = dev.mlforge.http.Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "Server URL (default: $MLFORGE_TRACKING_URI, else $MLFLOW_TRACKING_URI, else " + DEFAULT_TRACKING_URI + ").")
    String trackingUri;

    @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
    boolean json;

    /** The client for the URI chosen by flag, then environment, then default, with credentials from the environment. */
    MlforgeClient client() {
        return client(System.getenv());
    }

    /**
     * The client for {@code environment}: a bearer token from MLFORGE_TRACKING_TOKEN or MLFLOW_TRACKING_TOKEN, else
     * basic credentials from MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, as MLflow's clients read them.
     */
    MlforgeClient client(Map<String, String> environment) {
        MlforgeClient.Builder builder = MlforgeClient.builder(resolveTrackingUri(trackingUri, environment));
        String token = firstSet(environment.get("MLFORGE_TRACKING_TOKEN"), environment.get("MLFLOW_TRACKING_TOKEN"));
        String user = environment.get("MLFLOW_TRACKING_USERNAME");
        String password = environment.get("MLFLOW_TRACKING_PASSWORD");
        if (token != null) {
            builder.bearerToken(token);
        } else if (user != null && !user.isEmpty() && password != null) {
            builder.basicAuth(user, password);
        }
        return builder.build();
    }

    /** The tracking URI: the flag, else MLFORGE_TRACKING_URI, else MLFLOW_TRACKING_URI, else the local default. */
    static String resolveTrackingUri(String flag, Map<String, String> environment) {
        String chosen = firstSet(flag, environment.get("MLFORGE_TRACKING_URI"), environment.get("MLFLOW_TRACKING_URI"));
        return chosen == null ? DEFAULT_TRACKING_URI : chosen;
    }

    private static String firstSet(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip();
            }
        }
        return null;
    }

    /**
     * Reports a downloaded file: its path, or with {@code --json} the fields that name what was downloaded and
     * {@code local_path}.
     */
    void printDownloaded(PrintWriter out, Map<String, String> downloaded, Path written) {
        if (json) {
            Map<String, String> answer = new LinkedHashMap<>(downloaded);
            answer.put("local_path", written.toString());
            printJson(out, answer);
        } else {
            out.println(written);
            out.flush();
        }
    }

    /** Prints {@code value} as indented JSON, the form scripts read. */
    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
        }
        out.flush();
    }
}
