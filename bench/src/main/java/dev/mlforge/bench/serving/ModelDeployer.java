package dev.mlforge.bench.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Puts an ONNX file into service through the API as a user does: a run in the default experiment, the file logged
 * through the artifact proxy at {@code model/}, a registered model and version, a deployment of {@code models:/NAME/1};
 * then waits until the V2 readiness route answers 200.
 */
public final class ModelDeployer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;
    private final String authorization;

    ModelDeployer(String baseUrl) {
        this(baseUrl, null);
    }

    /** A deployer sending {@code authorization} (a Basic or Bearer header value) with every request; null for none. */
    public ModelDeployer(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    public void deploy(String name, Path onnx) throws Exception {
        String runId = post("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"0\"}").at("/run/info/run_id").asText();
        send(request("/api/2.0/mlflow-artifacts/artifacts/0/" + runId + "/artifacts/model/model.onnx")
                .PUT(HttpRequest.BodyPublishers.ofFile(onnx)).build());
        post("/api/2.0/mlflow/registered-models/create", "{\"name\": \"" + name + "\"}");
        post("/api/2.0/mlflow/model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"runs:/" + runId
                + "/model\", \"run_id\": \"" + runId + "\"}");
        post("/api/v1/deployments", "{\"name\": \"" + name + "\", \"model_uri\": \"models:/" + name + "/1\"}");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (http.send(request("/v2/models/" + name + "/ready").GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("deployment " + name + " did not become ready");
            }
            Thread.sleep(100);
        }
    }

    private JsonNode post(String path, String body) throws Exception {
        return JSON.readTree(send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
    }

    private String send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        return authorization == null ? request : request.header("Authorization", authorization);
    }
}
