package dev.mlforge.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.tracking.DatasetInput;
import dev.mlforge.api.tracking.Run;
import dev.mlforge.cli.Main;
import dev.mlforge.cli.batch.BatchScoreRequest;
import dev.mlforge.cli.batch.BatchScoreResult;
import dev.mlforge.http.Json;
import dev.mlforge.sdk.MlforgeClient;
import dev.mlforge.sdk.MlforgeClientException;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Batch scoring on a real Spark session ({@code local[2]}) against a real mlforge server over HTTP: every scored row
 * equals what the same model's deployment answers on {@code /invocations}; the job is a tracked run with lineage;
 * unknown models, missing inputs and tampered files are refused with clear errors.
 */
class SparkBatchScorerTest {
    private static final List<String> COLUMNS = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();
    private static final LoggedModels models = new LoggedModels(server);
    private static SparkSession spark;

    @TempDir
    static Path fixtures;

    @TempDir
    Path work;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("SparkBatchScorerTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** A test model or data file of the server's test jar, copied out of the jar (runtimes load from a directory). */
    private static Path fixture(String name) throws IOException {
        Path target = fixtures.resolve(name);
        if (Files.exists(target)) {
            return target;
        }
        URI uri;
        try {
            uri = SparkBatchScorerTest.class.getResource("/serving/" + name).toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!uri.getScheme().equals("jar")) {
            return Path.of(uri);
        }
        FileSystem jar;
        try {
            jar = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            jar = FileSystems.getFileSystem(uri);
        }
        Path source = jar.provider().getPath(uri);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }

    /** The 150 iris rows (features only) as CSV with the signature's column names. */
    private Path irisCsv() throws Exception {
        List<String> lines = Files.readAllLines(fixture("data/iris.csv"));
        List<String> csv = new ArrayList<>(List.of(String.join(",", COLUMNS)));
        for (String line : lines.subList(1, lines.size())) {
            csv.add(line.substring(0, line.lastIndexOf(',')));
        }
        Path file = work.resolve("iris.csv");
        Files.write(file, csv);
        return file;
    }

    private MlforgeClient client() {
        return MlforgeClient.create(server.baseUrl());
    }

    /** What the deployment of {@code modelUri} answers on /invocations for every row of {@code scored}, by its features. */
    private Map<String, JsonNode> invocations(String deployment, String modelUri, List<Row> scored) throws Exception {
        assertThat(models.deploy(deployment, modelUri).status()).isEqualTo(200);
        List<List<Object>> data = new ArrayList<>();
        for (Row row : scored) {
            data.add(COLUMNS.stream().map(column -> (Object) row.getDouble(row.fieldIndex(column))).toList());
        }
        String body = Json.mapper().writeValueAsString(Map.of("dataframe_split", Map.of("columns", COLUMNS, "data", data)));
        JsonNode predictions = server.http().post("/api/v1/deployments/" + deployment + "/invocations", Json.mapper().readTree(body))
                .json(200).get("predictions");
        assertThat(predictions).hasSize(scored.size());
        Map<String, JsonNode> byFeatures = new HashMap<>();
        for (int i = 0; i < scored.size(); i++) {
            byFeatures.put(features(scored.get(i)), predictions.get(i));
        }
        return byFeatures;
    }

    private static String features(Row row) {
        return COLUMNS.stream().map(column -> String.valueOf(row.getDouble(row.fieldIndex(column)))).toList().toString();
    }

    @Test
    void an_onnx_model_by_alias_scores_a_csv_through_the_cli_as_its_deployment_does_and_the_job_is_a_tracked_run() throws Exception {
        String version = models.registerModel("iris-onnx", fixture("models/iris_mlflow"));
        models.setAlias("iris-onnx", "champion", version);
        Path input = irisCsv();
        Path output = work.resolve("scored-onnx");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute("batch-score", "--tracking-uri", server.baseUrl(), "--model", "models:/iris-onnx@champion",
                "--input", input.toString(), "--output", output.toString(), "--master", "local[2]");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("scored 150 rows with iris-onnx version 1");
        List<Row> scored = spark.read().parquet(output.toString()).collectAsList();
        assertThat(scored).hasSize(150);
        Map<String, JsonNode> expected = invocations("iris-onnx", "models:/iris-onnx/1", scored);
        for (Row row : scored) {
            JsonNode single = expected.get(features(row));
            assertThat(row.getLong(row.fieldIndex("prediction_label"))).isEqualTo(single.get("label").asLong());
            List<Object> probabilities = row.getList(row.fieldIndex("prediction_probabilities"));
            assertThat(probabilities).hasSize(3);
            for (int c = 0; c < 3; c++) {
                assertThat((Float) probabilities.get(c)).isEqualTo(single.get("probabilities").get(c).floatValue());
            }
            assertThat(row.getString(row.fieldIndex("model_name"))).isEqualTo("iris-onnx");
            assertThat(row.getString(row.fieldIndex("model_version"))).isEqualTo("1");
        }

        Matcher runId = Pattern.compile("run ([0-9a-f]+)").matcher(out.toString());
        assertThat(runId.find()).isTrue();
        Run run = client().runs().get(runId.group(1));
        assertThat(run.info().status()).isEqualTo("FINISHED");
        Map<String, String> params = new HashMap<>();
        run.data().params().forEach(param -> params.put(param.key(), param.value()));
        assertThat(params).containsEntry("model_uri", "models:/iris-onnx@champion").containsEntry("model_version", "1")
                .containsEntry("input", input.toString()).containsEntry("output", output.toString())
                .containsEntry("master", "local[2]");
        Map<String, Double> metrics = new HashMap<>();
        run.data().metrics().forEach(metric -> metrics.put(metric.key(), metric.value()));
        assertThat(metrics.get("rows")).isEqualTo(150.0);
        assertThat(metrics.get("rows_per_second")).isPositive();
        List<DatasetInput> inputs = run.inputs().datasetInputs();
        assertThat(inputs).hasSize(1);
        assertThat(inputs.get(0).dataset().name()).isEqualTo("iris.csv");
        assertThat(inputs.get(0).dataset().source()).contains(input.toString());
        assertThat(inputs.get(0).dataset().profile()).contains("150");
        assertThat(inputs.get(0).tags()).anySatisfy(tag -> assertThat(tag.value()).isEqualTo("scoring"));
    }

    @Test
    void an_xgboost_model_by_version_scores_a_partitioned_parquet_input_loading_the_model_once() throws Exception {
        String version = models.registerModel("iris-xgb", fixture("boosters/iris_xgb_classifier"));
        Path input = work.resolve("iris-parquet");
        spark.read().option("header", "true").option("inferSchema", "true").csv(irisCsv().toString())
                .repartition(4).write().parquet(input.toString());
        Path output = work.resolve("scored-xgb");
        int loadsBefore = ExecutorModels.loads();

        BatchScoreResult result = new SparkBatchScorer().score(new BatchScoreRequest("models:/iris-xgb/" + version,
                input.toString(), output.toString(), "local[2]", "batch-tests"), client());

        assertThat(result.rows()).isEqualTo(150);
        assertThat(result.modelName()).isEqualTo("iris-xgb");
        assertThat(ExecutorModels.loads() - loadsBefore).as("model loads for a 4-partition job in one JVM").isEqualTo(1);
        List<Row> scored = spark.read().parquet(output.toString()).collectAsList();
        assertThat(scored).hasSize(150);
        Map<String, JsonNode> expected = invocations("iris-xgb", "models:/iris-xgb/" + version, scored);
        for (Row row : scored) {
            assertThat(row.getLong(row.fieldIndex("prediction"))).isEqualTo(expected.get(features(row)).asLong());
        }
        assertThat(client().runs().get(result.runId()).inputs().datasetInputs().get(0).dataset().name()).isEqualTo("iris-parquet");
    }

    @Test
    void an_unknown_model_and_a_missing_input_are_refused_with_clear_errors() throws Exception {
        Path output = work.resolve("never");
        assertThatThrownBy(() -> new SparkBatchScorer().score(new BatchScoreRequest("models:/no-such-model/1",
                irisCsv().toString(), output.toString(), "local[2]", "batch-tests"), client()))
                .isInstanceOf(MlforgeClientException.class).hasMessageContaining("no-such-model")
                .satisfies(e -> assertThat(((MlforgeClientException) e).httpStatus()).isEqualTo(404));

        String version = models.registerModel("iris-missing-input", fixture("models/iris_mlflow"));
        Path missing = work.resolve("nowhere.csv");
        assertThatThrownBy(() -> new SparkBatchScorer().score(new BatchScoreRequest("models:/iris-missing-input/" + version,
                missing.toString(), output.toString(), "local[2]", "batch-tests"), client()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--input '" + missing + "' does not exist");
        assertThat(output).doesNotExist();
    }

    @Test
    void a_model_whose_stored_files_were_tampered_with_is_refused() throws Exception {
        String version = models.registerModel("iris-tampered", fixture("models/iris_mlflow"));
        String source = client().registry().getVersion("iris-tampered", version).source();
        String runId = source.substring("runs:/".length(), source.indexOf("/model"));
        TestHttp.Response overwritten = server.http().upload("/api/2.0/mlflow-artifacts/artifacts/"
                + LoggedModels.artifactRoot(runId) + "/model/model.onnx", "not the registered model".getBytes());
        assertThat(overwritten.status()).isEqualTo(200);
        Path output = work.resolve("tampered-out");

        assertThatThrownBy(() -> new SparkBatchScorer().score(new BatchScoreRequest("models:/iris-tampered/" + version,
                irisCsv().toString(), output.toString(), "local[2]", "batch-tests"), client()))
                .isInstanceOf(MlforgeClientException.class).hasMessageContaining("failed integrity verification")
                .hasMessageContaining("model.onnx");
        assertThat(output).doesNotExist();
    }
}
