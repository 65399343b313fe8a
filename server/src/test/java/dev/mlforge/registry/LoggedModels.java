package dev.mlforge.registry;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Logs the {@code iris-onnx} model fixture to a real tracking run of a running application, through the MLflow API
 * and the artifact proxy as a client logs a model, and registers it; for the registry's HTTP tests.
 */
final class LoggedModels {
    static final String API = "/api/2.0/mlflow/";
    private static final List<String> FILES = List.of("MLmodel", "model.onnx", "conda.yaml", "python_env.yaml", "requirements.txt");

    private final ApplicationExtension server;

    LoggedModels(ApplicationExtension server) {
        this.server = server;
    }

    /** Creates a run in the default experiment with these metrics, tags and dataset inputs, logs the model at {@code path}, and returns the run id. */
    String logModel(String path, Map<String, Double> metrics, Map<String, String> tags, List<DatasetRef> datasets) {
        TestHttp http = server.http();
        String runId = http.post(API + "runs/create", Map.of("experiment_id", "0")).ok().json().at("/run/info/run_id").asText();
        List<Map<String, Object>> metricList = new ArrayList<>();
        metrics.forEach((key, value) -> metricList.add(Map.of("key", key, "value", value, "timestamp", 1_700_000_000_000L, "step", 0)));
        List<Map<String, String>> tagList = new ArrayList<>();
        tags.forEach((key, value) -> tagList.add(Map.of("key", key, "value", value)));
        http.post(API + "runs/log-batch", Map.of("run_id", runId, "metrics", metricList, "tags", tagList)).ok();
        if (!datasets.isEmpty()) {
            http.post(API + "runs/log-inputs", Map.of("run_id", runId, "datasets", datasets.stream().map(LoggedModels::input).toList())).ok();
        }
        for (String file : FILES) {
            try (InputStream in = LoggedModels.class.getResourceAsStream("iris-onnx/" + file)) {
                http.upload("/api/2.0/mlflow-artifacts/artifacts/" + artifactRoot(runId) + "/" + path + "/" + file, in.readAllBytes()).ok();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return runId;
    }

    /** A run with {@code accuracy} 0.95 and its model at {@code model}. */
    String logModel() {
        return logModel("model", Map.of("accuracy", 0.95), Map.of(), List.of());
    }

    /** The run's artifact folder relative to the artifact root: {@code 0/<run id>/artifacts}. */
    static String artifactRoot(String runId) {
        return "0/" + runId + "/artifacts";
    }

    /** Registers {@code runs:/<runId>/model} as a new version of {@code name} (creating the model if needed); returns the version. */
    String register(String name, String runId) {
        TestHttp http = server.http();
        if (http.get(API + "registered-models/get?name=" + name).status() == 404) {
            http.post(API + "registered-models/create", Map.of("name", name)).ok();
        }
        return http.post(API + "model-versions/create", Map.of("name", name, "source", "runs:/" + runId + "/model", "run_id", runId))
                .ok().json().at("/model_version/version").asText();
    }

    private static Map<String, Object> input(DatasetRef dataset) {
        Map<String, Object> wire = Map.of("dataset", Map.of("name", dataset.name(), "digest", dataset.digest(),
                "source_type", "local", "source", "{\"uri\": \"" + dataset.name() + ".csv\"}"));
        return dataset.context() == null ? wire
                : Map.of("dataset", wire.get("dataset"), "tags", List.of(Map.of("key", "mlflow.data.context", "value", dataset.context())));
    }
}
