package dev.mlforge.ui;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A tracked experiment the UI tests look at, logged through the REST API as MLflow's client would: a sweep of runs
 * with params and metric histories, a parent run with children, and one run with artifacts (MLmodel with a
 * signature, a CSV, JSON and a PNG).
 */
final class UiData {
    static final String API = "/api/2.0/mlflow/";
    static final String[] MODELS = {"tree", "forest", "logistic"};

    final String experimentId;
    final List<String> runIds = new ArrayList<>();
    final Map<String, String> runNames = new LinkedHashMap<>();
    final String parentId;
    final String artifactRunId;

    private final TestHttp http;

    UiData(ApplicationExtension server, String experimentName) {
        this.http = server.http();
        this.experimentId = http.post(API + "experiments/create", Map.of("name", experimentName)).ok().json()
                .path("experiment_id").asText();
        long start = 1_780_000_000_000L;
        for (int i = 0; i < 12; i++) {
            String model = MODELS[i % 3];
            double lr = new double[] {0.001, 0.01, 0.1, 0.3}[i % 4];
            double accuracy = 0.70 + 0.02 * i + (model.equals("forest") ? 0.03 : 0);
            String runId = run("sweep-" + String.format("%02d", i), start + i * 60_000L, null);
            List<Map<String, Object>> metrics = new ArrayList<>();
            for (int step = 0; step < 50; step++) {
                double progress = (step + 1) / 50.0;
                metrics.add(metric("accuracy", 0.4 + (accuracy - 0.4) * Math.sqrt(progress), step, start));
                metrics.add(metric("loss", 1.6 * Math.exp(-3 * progress * (1 + lr)) + 0.05 * (i % 3), step, start));
            }
            metrics.add(metric("f1", accuracy - 0.03, 0, start));
            logBatch(runId, metrics, List.of(param("model", model), param("learning_rate", Double.toString(lr)),
                    param("max_depth", Integer.toString(3 + i % 5))), List.of(tag("team", i % 2 == 0 ? "vision" : "tabular")));
            finish(runId, start + i * 60_000L + 42_000L);
        }
        this.parentId = run("pipeline-parent", start + 20 * 60_000L, null);
        logBatch(parentId, List.of(metric("best_accuracy", 0.94, 0, start)), List.of(param("trials", "3")), List.of());
        for (int child = 0; child < 3; child++) {
            String childId = run("trial-" + child, start + 21 * 60_000L + child, parentId);
            logBatch(childId, List.of(metric("accuracy", 0.9 + child * 0.02, 0, start)), List.of(param("trial", Integer.toString(child))),
                    List.of());
            finish(childId, start + 22 * 60_000L);
        }
        finish(parentId, start + 23 * 60_000L);
        this.artifactRunId = runIds.get(5);
        upload("model/MLmodel", """
                artifact_path: model
                flavors:
                  python_function:
                    loader_module: mlflow.sklearn
                    python_version: 3.11.4
                  sklearn:
                    sklearn_version: 1.2.1
                mlflow_version: 3.11.0
                signature:
                  inputs: '[{"type": "double", "name": "sepal_length", "required": true}, {"type": "double", "name": "petal_width", "required": true}]'
                  outputs: '[{"type": "long", "required": true}]'
                """.getBytes(StandardCharsets.UTF_8));
        upload("eval/predictions.csv", "sepal_length,petal_width,label,prediction\n5.1,0.2,setosa,setosa\n6.3,1.8,virginica,virginica\n5.9,1.5,versicolor,virginica\n"
                .getBytes(StandardCharsets.UTF_8));
        upload("eval/report.json", "{\"accuracy\":0.86,\"classes\":[\"setosa\",\"versicolor\",\"virginica\"]}".getBytes(StandardCharsets.UTF_8));
        upload("plots/confusion.png", png());
    }

    private String run(String name, long startTime, String parent) {
        List<Map<String, String>> tags = new ArrayList<>();
        tags.add(tag("mlflow.user", "ada"));
        if (parent != null) {
            tags.add(tag("mlflow.parentRunId", parent));
        }
        String runId = http.post(API + "runs/create", Map.of("experiment_id", experimentId, "run_name", name,
                "start_time", startTime, "user_id", "ada", "tags", tags)).ok().json().at("/run/info/run_id").asText();
        runIds.add(runId);
        runNames.put(runId, name);
        return runId;
    }

    private void logBatch(String runId, List<Map<String, Object>> metrics, List<Map<String, String>> params, List<Map<String, String>> tags) {
        http.post(API + "runs/log-batch", Map.of("run_id", runId, "metrics", metrics, "params", params, "tags", tags)).ok();
    }

    private void finish(String runId, long endTime) {
        http.post(API + "runs/update", Map.of("run_id", runId, "status", "FINISHED", "end_time", endTime)).ok();
    }

    private void upload(String path, byte[] bytes) {
        http.upload("/api/2.0/mlflow-artifacts/artifacts/" + experimentId + "/" + artifactRunId + "/artifacts/" + path, bytes).ok();
    }

    private static Map<String, Object> metric(String key, double value, int step, long start) {
        return Map.of("key", key, "value", value, "step", step, "timestamp", start + step * 1000L);
    }

    private static Map<String, String> param(String key, String value) {
        return Map.of("key", key, "value", value);
    }

    private static Map<String, String> tag(String key, String value) {
        return Map.of("key", key, "value", value);
    }

    /** A small confusion-matrix-like picture. */
    private static byte[] png() {
        BufferedImage image = new BufferedImage(240, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        int[][] counts = {{50, 0, 0}, {0, 46, 4}, {0, 3, 47}};
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int shade = 255 - counts[r][c] * 4;
                g.setColor(new Color(shade, shade, 255));
                g.fillRect(c * 80, r * 80, 79, 79);
                g.setColor(Color.DARK_GRAY);
                g.drawString(Integer.toString(counts[r][c]), c * 80 + 34, r * 80 + 44);
            }
        }
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
