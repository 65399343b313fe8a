package dev.mlforge.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mlforge.serving.BatchModel;
import dev.mlforge.serving.PredictorProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rand;

/**
 * Batch scoring throughput: N rows of 4 random doubles (generated into Parquet before the clock starts) scored with
 * an ONNX model on Spark {@code local[*]} through the job's executor path ({@link PartitionScorer}: the model loaded
 * once per JVM, batches of 4096 rows, Parquet written), against a single-threaded loop over the same model
 * ({@link BatchModel#predict}, the same batches, rows in memory) in the same run. Prints rows/s and the ratio.
 *
 * <pre>MLFORGE_SPARK_MAIN=dev.mlforge.spark.BatchScoreBench ./mlforge-spark MODEL.onnx [ROWS] [MASTER]</pre>
 */
public final class BatchScoreBench {
    private static final int FEATURES = 4;

    private BatchScoreBench() {}

    public static void main(String[] args) throws IOException {
        Path onnx = Path.of(args[0]);
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        String master = args.length > 2 ? args[2] : "local[*]";
        Path work = Files.createTempDirectory("mlforge-batch-bench-");
        Path modelDir = Files.createDirectories(work.resolve("model"));
        Files.copy(onnx, modelDir.resolve(onnx.getFileName()));
        ModelPackage model = ModelPackage.read("bench-" + onnx.getFileName(), "file:" + onnx, null, null, modelDir);

        SparkSession spark = SparkSession.builder().master(master).appName("BatchScoreBench")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            String input = work.resolve("input.parquet").toString();
            Dataset<Row> generated = spark.range(rows).select(features());
            generated.write().parquet(input);
            System.out.printf(Locale.ROOT, "generated %,d rows x %d doubles into Parquet (%d partitions)%n", rows, FEATURES,
                    spark.read().parquet(input).rdd().getNumPartitions());

            double sparkRate = scoreOnSpark(spark, model, input, work.resolve("scored.parquet").toString(), rows);
            double loopRate = singleThreadedLoop(model, rows);
            System.out.printf(Locale.ROOT, "spark %s: %,.0f rows/s; single-threaded loop: %,.0f rows/s; ratio %.2f%n",
                    master, sparkRate, loopRate, sparkRate / loopRate);
        } finally {
            spark.stop();
            SparkBatchScorer.deleteTree(work);
        }
    }

    private static org.apache.spark.sql.Column[] features() {
        org.apache.spark.sql.Column[] columns = new org.apache.spark.sql.Column[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            columns[i] = rand(i).multiply(8).as("f" + i);
        }
        return columns;
    }

    private static double scoreOnSpark(SparkSession spark, ModelPackage model, String input, String output, long rows) {
        Dataset<Row> data = spark.read().parquet(input);
        List<String> columns = List.of(data.columns());
        PredictionColumns predictions = SparkBatchScorer.predictionColumns(data, columns, model);
        StructType schema = SparkBatchScorer.outputSchema(data.schema(), predictions);
        long start = System.nanoTime();
        Broadcast<ModelPackage> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model);
        data.mapPartitions(new PartitionScorer(shared, columns, predictions), Encoders.row(schema))
                .write().parquet(output);
        double seconds = (System.nanoTime() - start) / 1e9;
        long written = spark.read().parquet(output).where(col(predictions.fields().get(0).name()).isNotNull()).count();
        System.out.printf(Locale.ROOT, "spark: %,d rows scored and written in %.1f s%n", written, seconds);
        return rows / seconds;
    }

    private static double singleThreadedLoop(ModelPackage model, long rows) {
        BatchModel loaded = BatchModel.load(model.materialize(), PredictorProviders.discover(BatchScoreBench.class.getClassLoader()));
        List<String> columns = List.of("f0", "f1", "f2", "f3");
        SplittableRandom random = new SplittableRandom(7);
        long scored = 0;
        long start = System.nanoTime();
        while (scored < rows) {
            int size = (int) Math.min(PartitionScorer.BATCH_ROWS, rows - scored);
            List<List<JsonNode>> batch = new ArrayList<>(size);
            for (int r = 0; r < size; r++) {
                List<JsonNode> row = new ArrayList<>(FEATURES);
                for (int c = 0; c < FEATURES; c++) {
                    row.add(JsonNodeFactory.instance.numberNode(random.nextDouble() * 8));
                }
                batch.add(row);
            }
            scored += loaded.predict(columns, batch).size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "single-threaded loop: %,d rows in %.1f s%n", scored, seconds);
        loaded.close();
        return scored / seconds;
    }
}
