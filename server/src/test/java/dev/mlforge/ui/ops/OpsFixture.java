package dev.mlforge.ui.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.app.Application;
import dev.mlforge.pipelines.PipelineRunRecord;
import dev.mlforge.pipelines.PipelineStatus;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import dev.mlforge.testsupport.RepoDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle the operations pages show, made through the public API as a user would: the repository's wine
 * pipeline run by the server (tracking runs, a registered version with its dataset lineage, a deployment), the wine
 * dataset registered, predictions with feedback (a second batch with {@code proline} shifted, so it drifts), a
 * monitor run twice, an alert rule that fires, an approval rule with a pending request, and a second traffic policy
 * to roll back from.
 */
final class OpsFixture {
    static final String MODEL = "wine-classifier";
    static final String DEPLOYMENT = "wine";
    static final String SHIFTED = "proline";

    final String pipelineRunId;
    final String monitorId;
    final long requestId;
    final String traceId;

    private OpsFixture(String pipelineRunId, String monitorId, long requestId, String traceId) {
        this.pipelineRunId = pipelineRunId;
        this.monitorId = monitorId;
        this.requestId = requestId;
        this.traceId = traceId;
    }

    /** The server a fixture needs: pipelines may read the repository's datasets. */
    static ApplicationExtension server() {
        return ApplicationExtension.sqlite()
                .withConfig("pipelines.base-dir", RepoDatasets.wine().getParent().getParent().toString());
    }

    static OpsFixture create(ApplicationExtension server) throws IOException {
        Application app = server.application();
        TestHttp http = server.http();
        String yaml = Files.readString(RepoDatasets.find("pipelines/wine-train.yaml"));
        String runId = app.pipelines().service().submit(yaml, Map.of("data", RepoDatasets.wine().toString()), "test:ui");
        PipelineRunRecord run = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> app.pipelines().service().run(runId), record -> record.status() != PipelineStatus.RUNNING);
        assertThat(run.status()).as(run.toString()).isEqualTo(PipelineStatus.SUCCEEDED);
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/api/v1/deployments/" + DEPLOYMENT).json()
                .path("deployment").path("ready").asBoolean());

        app.datasets().register("wine", RepoDatasets.wine());
        List<Map<String, Double>> rows = wineRows(RepoDatasets.wine());
        predict(http, rows.subList(0, 60), 0, "a");
        String monitor = http.post("/api/v1/monitors", Map.of("deployment", DEPLOYMENT,
                "reference", Map.of("dataset", "wine", "dataset_version", 1), "window", Map.of("last_n", 60),
                "task", "classification")).json(200).path("monitor").path("id").asText();
        http.post("/api/v1/alert-rules", Map.of("name", "wine drift", "metric", "drift_share", "comparator", ">",
                "threshold", 0.05, "deployment", DEPLOYMENT)).json(200);
        http.post("/api/v1/monitors/" + monitor + "/run", "").json(200);
        predict(http, rows.subList(60, 120), 500, "b");
        http.post("/api/v1/monitors/" + monitor + "/run", "").json(200);

        // a second policy (a canary), so that a rollback has somewhere to go
        http.patch("/api/v1/deployments/" + DEPLOYMENT, Map.of("canary", Map.of("model_uri", modelUri(1), "weight", 10),
                "sticky_header", "X-User")).json(200);

        http.put("/api/v1/registry/models/" + MODEL + "/approval-rule", Map.of("protected_stages", List.of("Production"))).json(200);
        long request = http.post("/api/v1/registry/transition-requests", Map.of("name", MODEL, "version", "1",
                "stage", "Production", "comment", "ready for production")).json(201).path("id").asLong();
        return new OpsFixture(runId, monitor, request, trace(http));
    }

    /**
     * A trace of two spans (an agent calling a tool, with inputs and outputs) exported over OTLP JSON as an
     * OpenTelemetry SDK sends it, and a human's feedback on it.
     */
    private static String trace(TestHttp http) {
        String experiment = http.post("/api/2.0/mlflow/experiments/create", Map.of("name", "agents")).json(200)
                .path("experiment_id").asText();
        String otelId = "0000000a000000000000000000000001";
        String spans = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":["
                + span(otelId, "00000000000000a1", null, "answer_question", "AGENT", 1_000_000_000L, 1_900_000_000L,
                        "{\\\"question\\\": \\\"which cultivar?\\\"}", "\\\"cultivar 2\\\"") + ","
                + span(otelId, "00000000000000a2", "00000000000000a1", "predict_wine", "TOOL", 1_200_000_000L, 1_500_000_000L,
                        "{\\\"proline\\\": 1065}", "{\\\"label\\\": 2}")
                + "]}]}]}";
        assertThat(http.send("POST", "/v1/traces", "application/json", spans, "x-mlflow-experiment-id", experiment).status())
                .isEqualTo(200);
        String traceId = "tr-" + otelId;
        http.post("/api/3.0/mlflow/traces/" + traceId + "/assessments", Map.of("assessment", Map.of("assessment_name", "correct",
                "trace_id", traceId, "source", Map.of("source_type", "HUMAN", "source_id", "reviewer"),
                "feedback", Map.of("value", true), "rationale", "matches the label"))).json(200);
        return traceId;
    }

    private static String span(String traceId, String spanId, String parent, String name, String type, long start, long end,
            String inputs, String outputs) {
        return "{\"traceId\":\"" + traceId + "\",\"spanId\":\"" + spanId + "\","
                + (parent == null ? "" : "\"parentSpanId\":\"" + parent + "\",")
                + "\"name\":\"" + name + "\",\"startTimeUnixNano\":\"" + start + "\",\"endTimeUnixNano\":\"" + end + "\","
                + "\"attributes\":[{\"key\":\"mlflow.spanType\",\"value\":{\"stringValue\":\"" + type + "\"}},"
                + "{\"key\":\"mlflow.spanInputs\",\"value\":{\"stringValue\":\"" + inputs + "\"}},"
                + "{\"key\":\"mlflow.spanOutputs\",\"value\":{\"stringValue\":\"" + outputs + "\"}}],"
                + "\"status\":{\"code\":1}}";
    }

    /** A {@code models:/} URI of the fixture's model, built from parts (only ModelUri spells the scheme out). */
    static String modelUri(int version) {
        return "models" + ":/" + MODEL + "/" + version;
    }

    private static void predict(TestHttp http, List<Map<String, Double>> rows, double shift, String batch) {
        for (int i = 0; i < rows.size(); i++) {
            List<Map<String, Object>> inputs = new ArrayList<>();
            rows.get(i).forEach((column, value) -> {
                if (!column.equals("class")) {
                    double sent = column.equals(SHIFTED) ? value + shift : value;
                    inputs.add(Map.of("name", column, "shape", List.of(1), "datatype", "FP64", "data", List.of(sent)));
                }
            });
            JsonNode answer = http.post("/v2/models/" + DEPLOYMENT + "/infer", Map.of("id", "ui-" + batch + "-" + i,
                    "inputs", inputs)).json(200);
            assertThat(answer.path("outputs").size()).isPositive();
        }
        // the prediction log is written in the background; feedback and monitors read what is written
        String last = "ui-" + batch + "-" + (rows.size() - 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/deployments/" + DEPLOYMENT
                + "/predictions?max_results=1000").json().path("predictions").toString().contains(last));
        for (int i = 0; i < rows.size(); i++) {
            http.post("/api/v1/deployments/" + DEPLOYMENT + "/feedback", Map.of("request_id", "ui-" + batch + "-" + i,
                    "label", rows.get(i).get("class").longValue())).json(200);
        }
    }

    /** The wine rows, shuffled deterministically so that both batches hold every class. */
    private static List<Map<String, Double>> wineRows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",");
        List<Map<String, Double>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            Map<String, Double> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], Double.parseDouble(cells[i]));
            }
            rows.add(row);
        }
        java.util.Collections.shuffle(rows, new java.util.Random(7));
        return rows;
    }
}
