package dev.mlforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlforge demo} as a user runs it: the real jar as a process on a fresh data dir, then {@code mlforge server}
 * on the same data dir, checked through the MLflow API. The demo runs once for the class; each test checks one
 * thing it must have left behind.
 */
class DemoE2ETest {
    private static final Pattern PIPELINE_RUN = Pattern.compile("Pipeline run: +([0-9a-f]{32}) \\((\\d+) child runs\\)");
    private static final Pattern LINEAGE = Pattern.compile(
            "Lineage: +dataset wine v1 \\(digest ([0-9a-f]{32})\\) -> run ([0-9a-f]{32}) -> wine v1 -> deployment 'wine'");
    private static final Pattern ACCURACY = Pattern.compile("Accuracy: +([0-9.]+) \\((\\d+) of (\\d+) predictions");

    @TempDir
    static Path dataDir;

    private static int exitCode;
    private static String stdout;
    private static String stderr;

    @BeforeAll
    static void run_the_demo() throws IOException, InterruptedException {
        Path out = Files.createTempFile("mlforge-demo-", ".out");
        Path err = Files.createTempFile("mlforge-demo-", ".err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-jar", ServerProcess.jar().toString(), "demo", "--data-dir", dataDir.toString(), "--port", "0"));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("mlforge demo did not finish within 5 minutes:\n" + Files.readString(out));
        }
        exitCode = process.exitValue();
        stdout = Files.readString(out);
        stderr = Files.readString(err);
    }

    @Test
    void demo_exits_zero_and_prints_every_stage_and_the_summary() {
        assertThat(exitCode).as("exit code; stdout:%n%s%nstderr:%n%s", stdout, stderr).isZero();
        assertThat(stdout).contains("[1/6] Dataset", "[2/6] Training", "[3/6] Deploy", "[4/6] Predict", "[5/6] Drift",
                "[6/6] Summary", "Model version:  wine v1", "Deployment URL: http://127.0.0.1:", "/v2/models/wine/infer",
                "Drift verdict:  dataset drift", "Dashboard:      http://127.0.0.1:", "/ui/experiments/", "Demo done in")
                .doesNotContain("none in this build");
    }

    @Test
    void demo_serves_the_wine_rows_as_online_features() {
        assertThat(stdout).contains("[1/6] Features   view 'wine_features' (13 features keyed by wine_id) materialized 178 rows "
                + "online; POST /get-online-features wine_id=1: alcohol=14.23 (PRESENT), color_intensity=5.64 (PRESENT), "
                + "proline=1065.0 (PRESENT)");
    }

    @Test
    void demo_reports_a_real_accuracy_on_the_labels_of_the_predictions_sent() {
        Matcher accuracy = ACCURACY.matcher(stdout);
        assertThat(accuracy.find()).as(stdout).isTrue();
        int correct = Integer.parseInt(accuracy.group(2));
        int sent = Integer.parseInt(accuracy.group(3));
        assertThat(sent).isBetween(40, 60); // the 30 % held-out split of 178 rows
        assertThat(Double.parseDouble(accuracy.group(1))).isCloseTo((double) correct / sent, org.assertj.core.data.Offset.offset(0.001));
        assertThat(correct).isGreaterThan(sent / 2); // a trained model, not a guess among three classes
    }

    @Test
    void demo_detects_the_alcohol_shift_of_the_rows_it_sent_and_writes_the_html_report() throws IOException {
        assertThat(stdout).containsPattern("Drift verdict:  dataset drift (YES|no), share [0-9.]+ \\(\\d+ of 13 columns\\), "
                + "drifted columns \\[[^]]*alcohol[^]]*]");
        Matcher report = Pattern.compile("Drift report: +(\\S+)").matcher(stdout);
        assertThat(report.find()).isTrue();
        Path html = Path.of(report.group(1));
        assertThat(html).startsWith(dataDir).exists();
        assertThat(Files.readString(html)).contains("<html", "alcohol");
    }

    @Test
    void a_server_on_the_demo_data_dir_shows_the_pipeline_runs_and_the_registered_model() throws Exception {
        Matcher pipeline = PIPELINE_RUN.matcher(stdout);
        assertThat(pipeline.find()).as(stdout).isTrue();
        String parentRunId = pipeline.group(1);
        int childRuns = Integer.parseInt(pipeline.group(2));
        try (ServerProcess server = new ServerProcess(dataDir).start()) {
            MlflowHttp mlflow = new MlflowHttp(server.baseUrl());
            JsonNode parent = mlflow.get("runs/get?run_id=" + parentRunId).path("run");
            assertThat(parent.path("info").path("status").asText()).isEqualTo("FINISHED");
            String experimentId = parent.path("info").path("experiment_id").asText();
            JsonNode children = mlflow.post("runs/search", "{\"experiment_ids\": [\"" + experimentId + "\"], "
                    + "\"filter\": \"tags.mlflow.parentRunId = '" + parentRunId + "'\", \"max_results\": 1000}").path("runs");
            assertThat(children.size()).isPositive().isLessThanOrEqualTo(childRuns);
            JsonNode model = mlflow.get("registered-models/get?name=wine").path("registered_model");
            assertThat(model.path("name").asText()).isEqualTo("wine");
            JsonNode champion = mlflow.get("registered-models/alias?name=wine&alias=champion").path("model_version");
            assertThat(champion.path("version").asText()).isEqualTo("1");
            assertThat(champion.path("run_id").asText()).isNotEmpty();
            Matcher lineage = LINEAGE.matcher(stdout);
            assertThat(lineage.find()).as(stdout).isTrue();
            assertThat(champion.path("run_id").asText()).isEqualTo(lineage.group(2));
            JsonNode input = mlflow.get("runs/get?run_id=" + lineage.group(2)).at("/run/inputs/dataset_inputs/0");
            assertThat(input.at("/dataset/digest").asText()).isEqualTo(lineage.group(1));
            assertThat(input.at("/tags/0/value").asText()).isEqualTo("training");
        }
    }
}
