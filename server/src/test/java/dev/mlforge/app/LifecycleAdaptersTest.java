package dev.mlforge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mlforge.monitoring.monitors.ArtifactCsvReferenceSource;
import dev.mlforge.monitoring.monitors.ColumnTable;
import dev.mlforge.monitoring.monitors.LoggedPrediction;
import dev.mlforge.monitoring.monitors.ReferenceSpec;
import dev.mlforge.pipelines.Deployer;
import dev.mlforge.pipelines.ModelRegistrar;
import dev.mlforge.pipelines.PipelineListener;
import dev.mlforge.pipelines.PipelineRunResult;
import dev.mlforge.pipelines.PipelineStatus;
import dev.mlforge.pipelines.StepOutcome;
import dev.mlforge.registry.LineageGraph;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapters between pipelines, registry, serving, datasets and monitors, exercised by running the repository's
 * {@code pipelines/wine-train.yaml} once in a real application (it registers, promotes and deploys through them);
 * each test then checks one adapter's effect, over HTTP where a user would look.
 */
class LifecycleAdaptersTest {
    private static final Path PIPELINE = Path.of("../pipelines/wine-train.yaml");
    private static final Path WINE = Path.of("../datasets/wine.csv");
    private static final String MODEL = "wine-classifier";

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();

    private static Application app;
    private static TestHttp http;
    private static PipelineRunResult pipeline;

    @BeforeAll
    static void run_the_wine_pipeline() {
        app = server.application();
        http = server.http();
        pipeline = app.pipelineRunner().run(PIPELINE, Map.of(), PipelineListener.NONE);
    }

    @Test
    void pipeline_succeeds_with_every_step_recorded_as_a_child_run_of_its_tracking_run() throws Exception {
        assertThat(pipeline.status()).as(pipeline.steps().toString()).isEqualTo(PipelineStatus.SUCCEEDED);
        String experimentId = app.tracking().getRun(pipeline.trackingRunId()).info().experimentId();

        JsonNode children = http.post("/api/2.0/mlflow/runs/search", "{\"experiment_ids\": [\"" + experimentId + "\"], "
                + "\"filter\": \"tags.mlflow.parentRunId = '" + pipeline.trackingRunId() + "'\", \"max_results\": 100}").ok().json()
                .path("runs");

        assertThat(children.size()).isGreaterThanOrEqualTo(pipeline.steps().size() - 1);
    }

    @Test
    void registrar_registers_the_best_model_from_the_model_its_run_logged() throws Exception {
        String bestRunId = pipeline.best().orElseThrow().runId();

        JsonNode version = http.get("/api/2.0/mlflow/model-versions/get?name=" + MODEL + "&version=1").ok().json().path("model_version");

        assertThat(version.path("source").asText()).isEqualTo("runs:/" + bestRunId + "/model");
        assertThat(version.path("run_id").asText()).isEqualTo(bestRunId);
        assertThat(version.path("tags").toString()).contains(RegistryModelRegistrar.METRIC_TAG_PREFIX + "accuracy");
    }

    @Test
    void registrar_reads_back_the_metrics_of_the_version_an_alias_points_at() {
        ModelRegistrar registrar = new RegistryModelRegistrar(app.registry().service(), new TrackingRunSource(app.tracking()),
                app.artifacts());

        ModelRegistrar.RegisteredVersion champion = registrar.aliasHolder(MODEL, "champion").orElseThrow();

        assertThat(champion.version()).isEqualTo("1");
        assertThat(champion.modelUri()).isEqualTo("models:/" + MODEL + "/1");
        assertThat(champion.metrics().get("accuracy")).isBetween(0.5, 1.0);
        assertThat(registrar.aliasHolder(MODEL, "no-such-alias")).isEmpty();
        assertThat(registrar.aliasHolder("no-such-model", "champion")).isEmpty();
    }

    @Test
    void promotion_gate_reads_the_run_metrics_of_a_champion_registered_without_metric_tags() throws Exception {
        // A champion registered through MLflow's API (no mlforge.metric.* tags) whose run scored a perfect accuracy.
        String runId = http.post("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"0\"}").ok().json().at("/run/info/run_id").asText();
        http.post("/api/2.0/mlflow/runs/log-metric", "{\"run_id\": \"" + runId + "\", \"key\": \"accuracy\", "
                + "\"value\": 1.0, \"timestamp\": 1, \"step\": 0}").ok();
        http.post("/api/2.0/mlflow/registered-models/create", "{\"name\": \"wine-gated\"}").ok();
        http.post("/api/2.0/mlflow/model-versions/create", "{\"name\": \"wine-gated\", \"source\": \"runs:/"
                + pipeline.best().orElseThrow().runId() + "/model\", \"run_id\": \"" + runId + "\"}").ok();
        http.post("/api/2.0/mlflow/registered-models/alias", "{\"name\": \"wine-gated\", \"alias\": \"champion\", \"version\": \"1\"}").ok();
        ModelRegistrar registrar = new RegistryModelRegistrar(app.registry().service(), new TrackingRunSource(app.tracking()),
                app.artifacts());
        assertThat(registrar.aliasHolder("wine-gated", "champion").orElseThrow().metrics()).containsEntry("accuracy", 1.0);

        PipelineRunResult challenger = app.pipelineRunner().run(PIPELINE,
                Map.of("model_name", "wine-gated", "deployment", "wine-gated"), PipelineListener.NONE);

        assertThat(challenger.status()).as(challenger.steps().toString()).isEqualTo(PipelineStatus.SUCCEEDED);
        StepOutcome.Succeeded evaluate = (StepOutcome.Succeeded) challenger.step("evaluate");
        assertThat(evaluate.value("holder_metric_value")).isEqualTo(1.0);
        assertThat(evaluate.value("gate_passed")).isEqualTo(false);
        assertThat(challenger.step("promote")).isInstanceOf(StepOutcome.Skipped.class);
        assertThat(http.get("/api/2.0/mlflow/registered-models/alias?name=wine-gated&alias=champion").ok().json()
                .at("/model_version/version").asText()).isEqualTo("1");
    }

    @Test
    void registrar_stores_a_model_folder_the_run_did_not_log_under_a_folder_of_its_own(@TempDir Path copy) throws Exception {
        String bestRunId = pipeline.best().orElseThrow().runId();
        Path model = copyOf(Path.of(pipeline.best().orElseThrow().modelDirectory()), copy.resolve("model"));
        Files.writeString(model.resolve("NOTES.md"), "retrained by hand");
        ModelRegistrar registrar = new RegistryModelRegistrar(app.registry().service(), new TrackingRunSource(app.tracking()),
                app.artifacts());

        ModelRegistrar.RegisteredVersion version = registrar.register("wine-edited", model, bestRunId, Map.of(),
                Map.of("accuracy", 0.5));

        JsonNode stored = http.get("/api/2.0/mlflow/model-versions/get?name=wine-edited&version=" + version.version()).ok().json()
                .path("model_version");
        assertThat(stored.path("source").asText()).startsWith("mlflow-artifacts:/").contains("/registered-models/wine-edited/");
        assertThat(stored.path("run_id").asText()).isEqualTo(bestRunId);
        assertThat(http.get("/api/2.0/mlflow-artifacts/artifacts?path="
                + stored.path("source").asText().substring("mlflow-artifacts:/".length())).ok().json().toString()).contains("NOTES.md");
    }

    @Test
    void registrar_registers_a_model_without_a_run_from_a_folder_of_its_own() {
        ModelRegistrar registrar = new RegistryModelRegistrar(app.registry().service(), new TrackingRunSource(app.tracking()),
                app.artifacts());

        ModelRegistrar.RegisteredVersion version = registrar.register("wine-no-run",
                Path.of(pipeline.best().orElseThrow().modelDirectory()), null, Map.of(), Map.of());

        assertThat(version.modelUri()).isEqualTo("models:/wine-no-run/1");
        assertThat(app.registry().service().getModelVersion("wine-no-run", "1").source())
                .startsWith("mlflow-artifacts:/registered-models/wine-no-run/");
    }

    private static Path copyOf(Path source, Path target) throws Exception {
        try (var files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
        }
        return target;
    }

    @Test
    void deployer_serves_the_promoted_version_over_the_open_inference_protocol() throws Exception {
        JsonNode status = http.get("/api/v1/deployments/wine").ok().json().path("deployment");
        assertThat(status.path("model_uri").asText()).startsWith("models:/" + MODEL);
        assertThat(status.path("versions").path("primary").asText()).isEqualTo("1");

        JsonNode answer = http.post("/v2/models/wine/infer", infer("check-1", wineRow(0, 0.0))).ok().json();

        assertThat(answer.path("model_version").asText()).isEqualTo("1");
        assertThat(answer.path("outputs")).isNotEmpty();
    }

    @Test
    void deployer_moves_an_existing_deployment_to_another_model_uri() throws Exception {
        Deployer deployer = new ServingDeployer(app.serving().deployments());
        deployer.deploy("wine-moved", "models:/" + MODEL + "/1");

        Deployer.Deployment moved = deployer.deploy("wine-moved", "models:/" + MODEL + "@champion");

        assertThat(moved.endpoint()).isEqualTo("/v2/models/wine-moved/infer");
        assertThat(http.get("/api/v1/deployments/wine-moved").ok().json().toString()).contains("models:/" + MODEL + "@champion");
    }

    @Test
    void deployment_recorder_adds_the_deployment_to_the_versions_lineage() {
        LineageGraph lineage = app.registry().lineage().ofVersion(MODEL, "1");

        assertThat(lineage.nodes()).anyMatch(node -> node.id().equals("deployment:wine"));
    }

    @Test
    void the_dataset_version_the_pipeline_registered_leads_to_the_deployed_model_version() throws Exception {
        String digest = app.datasets().version("wine", "1").digest();

        JsonNode graph = http.get("/api/v1/lineage?dataset_digest=" + digest).ok().json();

        List<String> ids = new ArrayList<>();
        graph.path("nodes").forEach(node -> ids.add(node.path("id").asText()));
        assertThat(ids).contains("dataset:" + digest, "run:" + pipeline.best().orElseThrow().runId(), "model:" + MODEL + "/1",
                "deployment:wine");
    }

    @Test
    void prediction_log_reader_gives_monitors_each_prediction_with_its_feedback_label() throws Exception {
        http.post("/v2/models/wine/infer", infer("labelled-1", wineRow(1, 0.0))).ok().json();
        http.post("/api/v1/deployments/wine/feedback", "{\"request_id\": \"labelled-1\", \"label\": 0}").ok().json();

        List<LoggedPrediction> logged = new ServingPredictionLogReader(app.serving()).newest("wine", 100);

        assertThat(logged).anyMatch(prediction -> prediction.requestId().equals("labelled-1")
                && "0".equals(prediction.labelJson()) && prediction.inputsJson().contains("\"name\":\"alcohol\""));
    }

    @Test
    void reference_locator_reads_the_registered_dataset_version_the_pipeline_loaded() {
        PlatformReferenceLocator locator = new PlatformReferenceLocator(app.datasets(), app.tracking());

        ColumnTable reference = new ArtifactCsvReferenceSource(app.artifacts(), locator)
                .load(ReferenceSpec.datasetVersion("wine", 1));

        assertThat(reference.rowCount()).isEqualTo(178);
        assertThat(reference.names()).contains("alcohol", "proline", "class");
    }

    @Test
    void monitor_compares_the_logged_inputs_with_a_run_artifact_reference_and_finds_the_shifted_column() throws Exception {
        List<String> features = featureNames();
        String root = app.tracking().runArtifactUri(pipeline.trackingRunId()).replaceFirst("^mlflow-artifacts:/+", "");
        StringBuilder reference = new StringBuilder();
        reference.append(String.join(",", features)).append('\n');
        for (int row = 0; row < 120; row++) {
            reference.append(String.join(",", wineRow(row, 0.0).stream().map(String::valueOf).toList())).append('\n');
        }
        app.artifacts().write(root + "/monitoring/reference.csv",
                new ByteArrayInputStream(reference.toString().getBytes(StandardCharsets.UTF_8)));
        new ServingDeployer(app.serving().deployments()).deploy("wine-monitored", "models:/" + MODEL + "/1");
        for (int row = 120; row < 178; row++) {
            http.post("/v2/models/wine-monitored/infer", infer("shifted-" + row, wineRow(row, 1.5))).ok().json();
        }
        String monitorId = http.post("/api/v1/monitors", "{\"deployment\": \"wine-monitored\", \"reference\": {\"run_id\": \""
                + pipeline.trackingRunId() + "\", \"artifact_path\": \"monitoring/reference.csv\"}, \"window\": {\"last_n\": 58}}").ok().json()
                .path("monitor").path("id").asText();

        JsonNode result = http.post("/api/v1/monitors/" + monitorId + "/run", "{}").ok().json().path("result");

        assertThat(result.path("current_rows").asInt()).isEqualTo(58);
        assertThat(result.path("reference_rows").asInt()).isEqualTo(120);
        assertThat(result.path("drift").path("columns")).anyMatch(column ->
                column.path("column").asText().equals("alcohol") && column.path("drifted").asBoolean());
    }

    @Test
    void a_monitor_compares_the_featurized_models_raw_inputs_with_the_registered_dataset_by_column_name() throws Exception {
        new ServingDeployer(app.serving().deployments()).deploy("wine-by-dataset", "models:/" + MODEL + "/1");
        for (int row = 0; row < 60; row++) {
            http.post("/v2/models/wine-by-dataset/infer", infer("by-dataset-" + row, wineRow(row, 2.0))).ok().json();
        }
        String monitorId = http.post("/api/v1/monitors", "{\"deployment\": \"wine-by-dataset\", \"reference\": "
                + "{\"dataset\": \"wine\", \"dataset_version\": 1}, \"window\": {\"last_n\": 60}}").ok().json().path("monitor").path("id").asText();

        JsonNode result = http.post("/api/v1/monitors/" + monitorId + "/run", "{}").ok().json().path("result");

        assertThat(result.path("reference_rows").asInt()).isEqualTo(178);
        List<String> compared = new ArrayList<>();
        result.path("drift").path("columns").forEach(column -> compared.add(column.path("column").asText()));
        assertThat(compared).containsExactlyInAnyOrderElementsOf(featureNames());
        assertThat(result.path("drift").path("columns")).anyMatch(column ->
                column.path("column").asText().equals("alcohol") && column.path("drifted").asBoolean());
    }

    /** The model's input columns, in its order, from the MLmodel file of the registered version. */
    private static List<String> featureNames() throws Exception {
        Path mlmodel = Path.of(pipeline.best().orElseThrow().modelDirectory()).resolve("MLmodel");
        List<String> names = new ArrayList<>();
        new YAMLMapper().readTree(Files.readString(mlmodel)).path("metadata").path("feature_names")
                .forEach(name -> names.add(name.asText()));
        return names;
    }

    /** Row {@code row} of the wine data, in the model's input order, with {@code alcoholShift} added to alcohol. */
    private static List<Double> wineRow(int row, double alcoholShift) throws Exception {
        List<String> lines = Files.readAllLines(WINE);
        List<String> header = List.of(lines.get(0).split(","));
        String[] cells = lines.get(row + 1).split(",");
        List<Double> values = new ArrayList<>();
        for (String feature : featureNames()) {
            double value = Double.parseDouble(cells[header.indexOf(feature)]);
            values.add(feature.equals("alcohol") ? value + alcoholShift : value);
        }
        return values;
    }

    /**
     * The row as the deployed model takes it: the pipeline featurized its training data, so the served model takes
     * one raw column per input, by name, and scales them itself.
     */
    private static String infer(String id, List<Double> row) throws Exception {
        List<String> features = featureNames();
        StringBuilder inputs = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            inputs.append(i == 0 ? "" : ", ").append("{\"name\": \"").append(features.get(i))
                    .append("\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [").append(row.get(i)).append("]}");
        }
        return "{\"id\": \"" + id + "\", \"inputs\": [" + inputs + "]}";
    }
}
