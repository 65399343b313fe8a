package dev.mlforge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.datasets.DatasetVersion;
import dev.mlforge.api.datasets.DatasetVersionResponse;
import dev.mlforge.api.serving.CreateDeploymentRequest;
import dev.mlforge.api.serving.DeploymentInfo;
import dev.mlforge.api.serving.DeploymentResponse;
import dev.mlforge.api.serving.FeedbackRequest;
import dev.mlforge.api.serving.UpdateDeploymentRequest;
import dev.mlforge.app.Application;
import dev.mlforge.monitoring.drift.CsvTableReader;
import dev.mlforge.monitoring.drift.DriftCalculator;
import dev.mlforge.monitoring.drift.DriftOptions;
import dev.mlforge.monitoring.drift.DriftReport;
import dev.mlforge.pipelines.PipelineRunResult;
import dev.mlforge.pipelines.PipelineStatus;
import dev.mlforge.pipelines.StepEvent;
import dev.mlforge.pipelines.StepOutcome;
import dev.mlforge.pipelines.StepState;
import dev.mlforge.pipelines.StepValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's stages, in order, against a running server: register the wine data (and serve it as online features),
 * train with a search, register, promote and deploy the best model, send shifted held-out rows and their labels,
 * monitor drift, summarise.
 * Everything a user would do goes over HTTP; only the pipeline runs in-process, through the server's own runner.
 */
final class DemoStages {
    static final String DATASET = "wine";
    static final String MODEL = "wine";
    static final String ALIAS = "champion";
    static final String DEPLOYMENT = "wine";
    static final String LABEL = "class";
    /** The documented covariate shift of the rows sent: a riper vintage, alcohol + 1.5 % vol. */
    static final String SHIFTED_COLUMN = "alcohol";
    static final double SHIFT = 1.5;

    private final Application server;
    private final DemoClient client;
    private final PrintWriter out;
    private final Path workDir;

    DemoStages(Application server, DemoClient client, PrintWriter out, Path workDir) {
        this.server = server;
        this.client = client;
        this.out = out;
        this.workDir = workDir;
    }

    /** Results carried from stage to stage, and printed at the end. */
    static final class Facts {
        String datasetVersion;
        String datasetDigest;
        long datasetRows;
        String experimentId;
        String pipelineRunId;
        int childRuns;
        String bestRunId;
        String bestTrainer;
        double heldOutAccuracy;
        String modelVersion;
        String deploymentUrl;
        String lineage;
        DemoTable trainRows;
        DemoTable sentRows;
        DemoModel model;
        /** The deployment's inputs, one per raw column, as its Open Inference Protocol metadata names them. */
        List<String> inputColumns;
        int predictions;
        int correct;
        String monitorVerdict;
        DriftReport drift;
        Path reportFile;
    }

    Facts run() {
        Facts facts = new Facts();
        stage(1, "Dataset", () -> registerDataset(facts));
        stage(2, "Training", () -> train(facts));
        stage(3, "Deploy", () -> registerPromoteDeploy(facts));
        stage(4, "Predict", () -> predict(facts));
        stage(5, "Drift", () -> monitorDrift(facts));
        return facts;
    }

    private void stage(int number, String name, Runnable body) {
        try {
            body.run();
        } catch (DemoFailure e) {
            throw new DemoFailure("stage " + number + " (" + name + ") failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DemoFailure("stage " + number + " (" + name + ") failed: " + e, e);
        }
    }

    private void line(int stage, String text) {
        out.printf("[%d/6] %s%n", stage, text);
        out.flush();
    }

    // ---- 1. dataset

    private void registerDataset(Facts facts) {
        byte[] csv = resource("demo/datasets/wine.csv");
        DatasetVersion version = client.postCsv("/api/v1/datasets?name=" + DATASET, csv, DatasetVersionResponse.class)
                .datasetVersion();
        facts.datasetVersion = String.valueOf(version.version());
        facts.datasetDigest = version.digest();
        facts.datasetRows = version.rowCount();
        line(1, String.format("Dataset    registered '%s' v%s: %d rows, sha256 %s (UCI wine via scikit-learn, CC BY 4.0)",
                DATASET, facts.datasetVersion, facts.datasetRows, version.sha256().substring(0, 12)));
        line(1, new DemoFeatures(client, workDir.getParent()).run(csv, LABEL));
    }

    // ---- 2. training pipeline

    private void train(Facts facts) {
        line(2, "Training   running pipeline wine-demo: load, validate, split, featurize, grid search over 2 trainers, evaluate ...");
        Path pipeline = workDir.resolve("wine-demo.yaml");
        write(pipeline, resource("demo/pipelines/wine-demo.yaml"));
        PipelineRunResult result = server.pipelineRunner().run(pipeline, Map.of("dataset", DATASET), this::stepLine);
        if (result.status() != PipelineStatus.SUCCEEDED) {
            String errors = result.steps().stream().filter(step -> step instanceof StepOutcome.Failed)
                    .map(step -> step.step() + ": " + ((StepOutcome.Failed) step).error()).toList().toString();
            throw new DemoFailure("pipeline " + result.pipelineName() + " ended " + result.status() + " " + errors);
        }
        PipelineRunResult.BestModel best = result.best().orElseThrow(() -> new DemoFailure("the pipeline trained no model"));
        facts.pipelineRunId = result.trackingRunId();
        facts.bestRunId = best.runId();
        facts.bestTrainer = best.trainer();
        facts.heldOutAccuracy = best.metricValue();
        facts.trainRows = DemoTable.read(file(result, "split", "train"));
        facts.sentRows = DemoTable.read(file(result, "split", "test")).shifted(SHIFTED_COLUMN, SHIFT);
        JsonNode run = client.get("/api/2.0/mlflow/runs/get?run_id=" + facts.pipelineRunId).path("run");
        facts.experimentId = run.path("info").path("experiment_id").asText();
        JsonNode runs = client.post("/api/2.0/mlflow/runs/search",
                Map.of("experiment_ids", List.of(facts.experimentId), "max_results", 1000)).path("runs");
        facts.childRuns = descendants(runs, facts.pipelineRunId);
        line(2, String.format("Training   pipeline run %s with %d child runs (experiment %s); best: %s, accuracy %.3f on the held-out split",
                facts.pipelineRunId, facts.childRuns, facts.experimentId, facts.bestTrainer, facts.heldOutAccuracy));
    }

    /** How many runs of {@code runs} nest under {@code rootRunId}, directly or through other runs. */
    static int descendants(JsonNode runs, String rootRunId) {
        Map<String, String> parents = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            for (JsonNode tag : run.path("data").path("tags")) {
                if (tag.path("key").asText().equals("mlflow.parentRunId")) {
                    parents.put(run.path("info").path("run_id").asText(), tag.path("value").asText());
                }
            }
        }
        int count = 0;
        for (String runId : parents.keySet()) {
            int depth = 0;
            for (String parent = parents.get(runId); parent != null && depth++ < 100; parent = parents.get(parent)) {
                if (parent.equals(rootRunId)) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    private void stepLine(StepEvent event) {
        if (event.state() == StepState.FAILED) {
            out.printf("        step %-9s %s%s%n", event.step(), event.state().name().toLowerCase(),
                    event.message() == null || event.message().isBlank() ? "" : ": " + event.message());
            out.flush();
        }
    }

    private static Path file(PipelineRunResult result, String step, String output) {
        if (!(result.step(step) instanceof StepOutcome.Succeeded succeeded)
                || !(succeeded.outputs().get(output) instanceof StepValue.FileValue file)) {
            throw new DemoFailure("step '" + step + "' gave no file '" + output + "'");
        }
        return file.file();
    }

    // ---- 3. register, promote, deploy over HTTP

    private void registerPromoteDeploy(Facts facts) {
        // Tolerated when the demo runs again on the same --data-dir: the model then gets its next version.
        client.postTolerating("/api/2.0/mlflow/registered-models/create", Map.of("name", MODEL), "RESOURCE_ALREADY_EXISTS");
        JsonNode version = client.post("/api/2.0/mlflow/model-versions/create", Map.of("name", MODEL,
                "source", "runs:/" + facts.bestRunId + "/model", "run_id", facts.bestRunId)).path("model_version");
        facts.modelVersion = version.path("version").asText();
        client.post("/api/2.0/mlflow/registered-models/alias", Map.of("name", MODEL, "alias", ALIAS, "version", facts.modelVersion));
        String modelUri = "models:/" + MODEL + "@" + ALIAS;
        if (client.postTolerating("/api/v1/deployments", CreateDeploymentRequest.of(DEPLOYMENT, modelUri),
                "RESOURCE_ALREADY_EXISTS") == null) {
            client.patch("/api/v1/deployments/" + DEPLOYMENT, new UpdateDeploymentRequest(modelUri, null, null, null));
        }
        awaitReady();
        facts.model = DemoModel.fromMlmodel(client.getText("/get-artifact?run_id=" + facts.bestRunId + "&path=model/MLmodel"));
        facts.deploymentUrl = client.baseUrl() + "/v2/models/" + DEPLOYMENT + "/infer";
        facts.inputColumns = new ArrayList<>();
        client.get("/v2/models/" + DEPLOYMENT).path("inputs").forEach(input -> facts.inputColumns.add(input.path("name").asText()));
        if (!facts.sentRows.header().containsAll(facts.inputColumns)) {
            throw new DemoFailure("deployment '" + DEPLOYMENT + "' takes inputs " + facts.inputColumns
                    + ", not the wine columns " + facts.sentRows.header());
        }
        facts.lineage = lineage(facts);
        line(3, String.format("Deploy     registered %s v%s, alias @%s, deployed '%s' (%s) at %s",
                MODEL, facts.modelVersion, ALIAS, DEPLOYMENT, modelUri, facts.deploymentUrl));
    }

    /** The registry's lineage from the dataset version to the deployment; the pipeline's dataset inputs make it. */
    private String lineage(Facts facts) {
        JsonNode graph = client.get("/api/v1/lineage?dataset_digest=" + facts.datasetDigest);
        List<String> ids = new ArrayList<>();
        graph.path("nodes").forEach(node -> ids.add(node.path("id").asText()));
        List<String> expected = List.of("run:" + facts.bestRunId, "model:" + MODEL + "/" + facts.modelVersion, "deployment:" + DEPLOYMENT);
        if (!ids.containsAll(expected)) {
            throw new DemoFailure("the lineage of dataset digest " + facts.datasetDigest + " lacks " + expected + ": " + ids);
        }
        return String.format("dataset %s v%s (digest %s) -> run %s -> %s v%s -> deployment '%s'", DATASET, facts.datasetVersion,
                facts.datasetDigest, facts.bestRunId, MODEL, facts.modelVersion, DEPLOYMENT);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            DeploymentInfo status = client.get("/api/v1/deployments/" + DEPLOYMENT, DeploymentResponse.class).deployment();
            if (status.ready()) {
                return;
            }
            if (status.error() != null) {
                throw new DemoFailure("deployment '" + DEPLOYMENT + "' failed to load its model: " + status.error());
            }
            if (System.nanoTime() > deadline) {
                throw new DemoFailure("deployment '" + DEPLOYMENT + "' was not ready within 60 s: " + status);
            }
            sleep(100);
        }
    }

    // ---- 4. predictions and feedback over the Open Inference Protocol

    private void predict(Facts facts) {
        DemoTable rows = facts.sentRows;
        int label = rows.column(LABEL);
        for (int row = 0; row < rows.rows().size(); row++) {
            String requestId = "demo-" + facts.pipelineRunId.substring(0, 8) + "-" + (row + 1); // unique per demo run
            double[] values = rows.values(row, facts.inputColumns);
            List<Map<String, Object>> inputs = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                inputs.add(Map.of("name", facts.inputColumns.get(i), "shape", List.of(1), "datatype", "FP64",
                        "data", List.of(values[i])));
            }
            JsonNode answer = client.post("/v2/models/" + DEPLOYMENT + "/infer", Map.of("id", requestId, "inputs", inputs));
            double truth = rows.rows().get(row)[label];
            if (sameLabel(facts.model.predictedLabel(answer.path("outputs")), truth)) {
                facts.correct++;
            }
            client.post("/api/v1/deployments/" + DEPLOYMENT + "/feedback",
                    new FeedbackRequest(requestId, (long) truth));
            facts.predictions++;
        }
        line(4, String.format("Predict    sent %d held-out rows with %s + %.1f to /v2/models/%s/infer and their labels as feedback; "
                + "accuracy %.3f", facts.predictions, SHIFTED_COLUMN, SHIFT, DEPLOYMENT, accuracy(facts)));
    }

    static double accuracy(Facts facts) {
        return facts.predictions == 0 ? Double.NaN : (double) facts.correct / facts.predictions;
    }

    private static boolean sameLabel(String predicted, double truth) {
        try {
            return Double.parseDouble(predicted) == truth;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    // ---- 5. drift monitor and HTML report

    private void monitorDrift(Facts facts) {
        List<String> features = facts.inputColumns;
        Path reference = workDir.resolve("reference.csv");
        Path current = workDir.resolve("current.csv");
        write(reference, facts.trainRows.csv(features, features).getBytes(StandardCharsets.UTF_8));
        write(current, facts.sentRows.csv(features, features).getBytes(StandardCharsets.UTF_8));
        facts.monitorVerdict = runMonitor(facts);
        try {
            facts.drift = DriftCalculator.compare(CsvTableReader.read(reference), CsvTableReader.read(current),
                    DriftOptions.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        facts.reportFile = workDir.resolve("drift-report.html").toAbsolutePath();
        write(facts.reportFile, DriftHtml.render(facts.drift, "training split (reference)",
                "rows sent to " + DEPLOYMENT + " (" + SHIFTED_COLUMN + " + " + SHIFT + ")").getBytes(StandardCharsets.UTF_8));
        line(5, "Drift      monitor: " + facts.monitorVerdict + "; HTML report " + facts.reportFile);
    }

    /**
     * Creates a drift monitor on the deployment over HTTP and runs it now, against the training split logged as an
     * artifact of the pipeline run. The deployment takes the raw columns, so the monitor compares them by name.
     */
    private String runMonitor(Facts facts) {
        List<String> features = facts.inputColumns;
        JsonNode run = client.get("/api/2.0/mlflow/runs/get?run_id=" + facts.pipelineRunId).path("run");
        String root = run.path("info").path("artifact_uri").asText().replaceFirst("^mlflow-artifacts:/+", "");
        client.put("/api/2.0/mlflow-artifacts/artifacts/" + root + "/monitoring/reference.csv",
                facts.trainRows.csv(features, features).getBytes(StandardCharsets.UTF_8));
        JsonNode monitor = client.post("/api/v1/monitors", Map.of("deployment", DEPLOYMENT,
                "reference", Map.of("run_id", facts.pipelineRunId, "artifact_path", "monitoring/reference.csv"),
                "window", Map.of("last_n", facts.predictions), "task", "classification")).path("monitor");
        JsonNode result = client.post("/api/v1/monitors/" + monitor.path("id").asText() + "/run", Map.of()).path("result");
        JsonNode drift = result.path("drift");
        List<String> drifted = new ArrayList<>();
        drift.path("columns").forEach(column -> {
            if (column.path("drifted").asBoolean()) {
                drifted.add(column.path("column").asText());
            }
        });
        return String.format("dataset drift %s, share %.2f, drifted %s (%d current rows vs %d reference rows)",
                drift.path("dataset_drift").asBoolean() ? "YES" : "no", drift.path("drift_share").asDouble(), drifted,
                result.path("current_rows").asInt(), result.path("reference_rows").asInt());
    }

    // ---- helpers

    private static byte[] resource(String name) {
        try (InputStream in = DemoStages.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new DemoFailure("the jar holds no " + name + " (rebuild with ./mvnw -pl cli -am package)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted");
        }
    }
}
