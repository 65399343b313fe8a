package dev.mlforge.testing;

import dev.mlforge.registry.DatasetRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Logs model files to real tracking runs of a running application and registers them, through the MLflow API and
 * the artifact proxy as a client does, so that registry, serving and monitoring tests reach real
 * {@code models:/} and {@code runs:/} URIs; and deploys them through the platform API.
 */
public final class LoggedModels {
    public static final String API = "/api/2.0/mlflow/";
    private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";

    private final ApplicationExtension server;

    public LoggedModels(ApplicationExtension server) {
        this.server = server;
    }

    /** An MLflow ONNX model directory as MLflow 2.17 writes it, for registry tests: its model.onnx is not a loadable model. */
    public static Path irisOnnxDirectory() {
        try {
            return Path.of(LoggedModels.class.getResource("/dev/mlforge/registry/iris-onnx").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Creates a run in the default experiment with these metrics, tags and dataset inputs, logs {@code model} (a file
     * or a directory) at the artifact path {@code path}, and returns the run id.
     */
    public String logModel(Path model, String path, Map<String, Double> metrics, Map<String, String> tags,
            List<DatasetRef> datasets) {
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
        upload(model, artifactRoot(runId) + "/" + path);
        return runId;
    }

    /** The iris ONNX directory logged at {@code path} of a new run with these facts. */
    public String logModel(String path, Map<String, Double> metrics, Map<String, String> tags, List<DatasetRef> datasets) {
        return logModel(irisOnnxDirectory(), path, metrics, tags, datasets);
    }

    /** A run with {@code accuracy} 0.95 and the iris ONNX directory at {@code model}. */
    public String logModel() {
        return logModel("model", Map.of("accuracy", 0.95), Map.of(), List.of());
    }

    /** Logs {@code model} (a file or a directory) at {@code model} of a new run and registers it as a new version of {@code name}; returns the version. */
    public String registerModel(String name, Path model) {
        return register(name, logModel(model, "model", Map.of(), Map.of(), List.of()));
    }

    /** The run's artifact folder relative to the artifact root: {@code 0/<run id>/artifacts}. */
    public static String artifactRoot(String runId) {
        return "0/" + runId + "/artifacts";
    }

    /** Registers {@code runs:/<runId>/model} as a new version of {@code name} (creating the model if needed); returns the version. */
    public String register(String name, String runId) {
        TestHttp http = server.http();
        if (http.get(API + "registered-models/get?name=" + name).status() == 404) {
            http.post(API + "registered-models/create", Map.of("name", name)).ok();
        }
        return http.post(API + "model-versions/create", Map.of("name", name, "source", "runs:/" + runId + "/model", "run_id", runId))
                .ok().json().at("/model_version/version").asText();
    }

    /** Points {@code alias} of {@code name} at {@code version}. */
    public void setAlias(String name, String alias, String version) {
        server.http().post(API + "registered-models/alias", Map.of("name", name, "alias", alias, "version", version)).ok();
    }

    /** Deploys {@code modelUri} as the deployment {@code name} through the platform API. */
    public TestHttp.Response deploy(String name, String modelUri) {
        return server.http().post("/api/v1/deployments", Map.of("name", name, "model_uri", modelUri));
    }

    /** Uploads {@code model} (a file or a directory) through the artifact proxy to {@code target}, a path below the artifact root. */
    public void upload(Path model, String target) {
        try (Stream<Path> files = Files.walk(model)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = Files.isDirectory(model) ? model.relativize(file).toString() : file.getFileName().toString();
                server.http().upload(ARTIFACTS + target + "/" + relative, Files.readAllBytes(file)).ok();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> input(DatasetRef dataset) {
        Map<String, Object> wire = Map.of("dataset", Map.of("name", dataset.name(), "digest", dataset.digest(),
                "source_type", "local", "source", "{\"uri\": \"" + dataset.name() + ".csv\"}"));
        return dataset.context() == null ? wire
                : Map.of("dataset", wire.get("dataset"), "tags", List.of(Map.of("key", "mlflow.data.context", "value", dataset.context())));
    }
}
