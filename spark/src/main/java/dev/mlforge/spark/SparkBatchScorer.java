package dev.mlforge.spark;

import dev.mlforge.api.registry.ResolvedModelFiles;
import dev.mlforge.cli.batch.BatchScoreRequest;
import dev.mlforge.cli.batch.BatchScoreResult;
import dev.mlforge.cli.batch.BatchScorer;
import dev.mlforge.sdk.ActiveRun;
import dev.mlforge.sdk.MlforgeClient;
import dev.mlforge.serving.BatchModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code mlforge batch-score} on Apache Spark. On the driver: the model URI is resolved by the server as a deployment
 * resolves it (a tampered version is refused), its files downloaded once and checked against their SHA-256 manifest,
 * and broadcast to the executors; each executor loads the model once with the server's runtimes and scores its
 * partitions in batches; the result (input columns, prediction column(s), {@code model_name}, {@code model_version})
 * is written as Parquet, and the job is recorded as a run with its parameters, row count, rows/s and input dataset.
 */
public final class SparkBatchScorer implements BatchScorer {
    static final String MODEL_NAME = "model_name";
    static final String MODEL_VERSION = "model_version";

    @Override
    public BatchScoreResult score(BatchScoreRequest request, MlforgeClient client) {
        ModelPackage model = download(client, client.registry().resolve(request.modelUri()));
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSession.builder().master(request.master()).appName("mlforge batch-score").getOrCreate();
        try {
            return score(spark, request, client, model);
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    private static ModelPackage download(MlforgeClient client, ResolvedModelFiles resolved) {
        try {
            Path directory = Files.createTempDirectory("mlforge-batch-download-");
            try {
                client.registry().download(resolved, directory);
                return ModelPackage.read(key(resolved), resolved.modelUri(), resolved.name(), resolved.version(), directory);
            } finally {
                deleteTree(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BatchScoreResult score(SparkSession spark, BatchScoreRequest request, MlforgeClient client, ModelPackage model) {
        Dataset<Row> input = InputData.read(spark, request.input());
        InputData.requireAbsent(spark, request.output());
        List<String> columns = Arrays.asList(input.columns());
        PredictionColumns predictions = predictionColumns(input, columns, model);
        StructType schema = outputSchema(input.schema(), predictions);
        try (ActiveRun run = client.startRun(request.experiment(), "batch-score " + model.nameLabel())) {
            try {
                run.logParams(params(request, model));
                long start = System.nanoTime();
                Broadcast<ModelPackage> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model);
                input.mapPartitions(new PartitionScorer(shared, columns, predictions), Encoders.row(schema))
                        .write().parquet(request.output());
                double seconds = (System.nanoTime() - start) / 1e9;
                shared.unpersist();
                long rows = spark.read().parquet(request.output()).count();
                run.logMetric("rows", rows);
                run.logMetric("seconds", seconds);
                run.logMetric("rows_per_second", rows / Math.max(seconds, 1e-9));
                run.logInputs(List.of(InputData.lineage(spark, input, request.input(), rows)));
                return new BatchScoreResult(run.runId(), model.modelName(), model.modelVersion(), rows, seconds, request.output());
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    /** Scores the first row on the driver: checks the input fits the model before the job, and types the output. */
    static PredictionColumns predictionColumns(Dataset<Row> input, List<String> columns, ModelPackage model) {
        for (String reserved : List.of(MODEL_NAME, MODEL_VERSION)) {
            if (columns.contains(reserved) || columns.stream().anyMatch(c -> c.startsWith(PredictionColumns.PREFIX))) {
                throw new IllegalArgumentException("--input has a column named '" + reserved + "' or 'prediction*', which"
                        + " batch-score writes; rename it");
            }
        }
        List<Row> first = input.limit(1).collectAsList();
        if (first.isEmpty()) {
            return PredictionColumns.of(null);
        }
        BatchModel loaded = ExecutorModels.get(model);
        return PredictionColumns.of(loaded.predict(columns, List.of(PartitionScorer.cells(first.get(0)))).get(0));
    }

    static StructType outputSchema(StructType input, PredictionColumns predictions) {
        List<StructField> fields = new ArrayList<>(Arrays.asList(input.fields()));
        fields.addAll(predictions.fields());
        fields.add(DataTypes.createStructField(MODEL_NAME, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(MODEL_VERSION, DataTypes.StringType, false));
        return DataTypes.createStructType(fields);
    }

    private static Map<String, String> params(BatchScoreRequest request, ModelPackage model) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("model_uri", request.modelUri());
        params.put("model_name", model.nameLabel());
        params.put("model_version", model.versionLabel());
        params.put("input", request.input());
        params.put("output", request.output());
        params.put("master", request.master());
        return params;
    }

    /** Identifies the exact files: SHA-256 over the manifest's paths and digests. */
    private static String key(ResolvedModelFiles resolved) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ResolvedModelFiles.File file : resolved.files()) {
                digest.update((file.path() + "\n" + file.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks SHA-256", e);
        }
    }

    static void deleteTree(Path directory) throws IOException {
        try (var walk = Files.walk(directory)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
