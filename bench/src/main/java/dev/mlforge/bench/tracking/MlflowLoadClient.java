package dev.mlforge.bench.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A minimal MLflow REST client for the benchmarks: one HTTP/1.1 client, JSON in and out, any non-200 answer thrown. */
public final class MlflowLoadClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String server;
    private final String base;
    private final String authorization;

    public MlflowLoadClient(String baseUrl) {
        this(baseUrl, null);
    }

    /** A client sending {@code authorization} (a Basic or Bearer header value) with every request; null for none. */
    public MlflowLoadClient(String baseUrl, String authorization) {
        this.server = baseUrl;
        this.base = baseUrl + "/api/2.0/mlflow/";
        this.authorization = authorization;
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    public JsonNode post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(base + path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(base + pathAndQuery).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** What the server's {@code /version} answers (MLflow's servers answer their version as plain text). */
    public String version() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server + "/version")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body().trim() : "unknown (/version answered " + response.statusCode() + ")";
    }

    /** The id of the experiment named {@code name}, or null when there is none. */
    public String experimentId(String name) throws IOException, InterruptedException {
        JsonNode found = post("experiments/search", "{\"filter\":\"name = '" + name + "'\",\"max_results\":1}");
        JsonNode id = found.at("/experiments/0/experiment_id");
        return id.isMissingNode() ? null : id.asText();
    }

    public String createExperiment(String name) throws IOException, InterruptedException {
        return post("experiments/create", "{\"name\":\"" + name + "\"}").get("experiment_id").asText();
    }

    public String createRun(String experimentId) throws IOException, InterruptedException {
        return post("runs/create", "{\"experiment_id\":\"" + experimentId + "\",\"start_time\":"
                + System.currentTimeMillis() + "}").at("/run/info/run_id").asText();
    }
}
