package dev.mlforge.bench.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A minimal MLflow REST client for load generation: one HTTP/1.1 client, JSON in and out, failures thrown. */
final class MlflowLoadClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    MlflowLoadClient(String baseUrl) {
        this.base = baseUrl + "/api/2.0/mlflow/";
    }

    JsonNode post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    String createExperiment(String name) throws IOException, InterruptedException {
        return post("experiments/create", "{\"name\":\"" + name + "\"}").get("experiment_id").asText();
    }

    String createRun(String experimentId) throws IOException, InterruptedException {
        return post("runs/create", "{\"experiment_id\":\"" + experimentId + "\",\"start_time\":"
                + System.currentTimeMillis() + "}").at("/run/info/run_id").asText();
    }
}
