package dev.mlforge.spark;

import dev.mlforge.api.tracking.Dataset;
import dev.mlforge.api.tracking.DatasetInput;
import dev.mlforge.api.tracking.InputTag;
import dev.mlforge.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * The job's input and output locations through Hadoop's file systems (local, {@code s3a://} with hadoop-aws, HDFS):
 * reading CSV (by the {@code .csv} suffix, header and types inferred) or Parquet, and the input's MLflow dataset
 * record for the run's lineage.
 */
final class InputData {
    private InputData() {}

    static org.apache.spark.sql.Dataset<Row> read(SparkSession spark, String location) {
        if (!exists(spark, location)) {
            throw new IllegalArgumentException("--input '" + location + "' does not exist");
        }
        if (isCsv(location)) {
            return spark.read().option("header", "true").option("inferSchema", "true").csv(location);
        }
        return spark.read().parquet(location);
    }

    static void requireAbsent(SparkSession spark, String output) {
        if (exists(spark, output)) {
            throw new IllegalArgumentException("--output '" + output + "' already exists; batch-score does not overwrite");
        }
    }

    private static boolean isCsv(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".csv.gz");
    }

    private static boolean exists(SparkSession spark, String location) {
        try {
            Path path = new Path(location);
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach '" + location + "': " + e.getMessage(), e);
        }
    }

    /**
     * The input as an MLflow dataset of the run (context {@code scoring}): named after the file or folder, its digest
     * taken over the files' paths, sizes and modification times (not their bytes, which may be terabytes), its
     * column schema and row count.
     */
    static DatasetInput lineage(SparkSession spark, org.apache.spark.sql.Dataset<Row> input, String location, long rows) {
        URI uri = new Path(location).toUri();
        String scheme = uri.getScheme() == null ? "local" : uri.getScheme().replace("s3a", "s3");
        String name = new Path(location).getName();
        Dataset dataset = new Dataset(name, digest(spark, input.inputFiles()), scheme.equals("file") ? "local" : scheme,
                json(Map.of("uri", location)), schema(input.schema().fields()), json(Map.of("num_rows", rows)));
        return new DatasetInput(List.of(new InputTag("mlflow.data.context", "scoring")), dataset);
    }

    private static String digest(SparkSession spark, String[] files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String[] sorted = files.clone();
            Arrays.sort(sorted);
            for (String file : sorted) {
                Path path = new Path(file);
                FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
                FileStatus status = fs.getFileStatus(path);
                digest.update((file + "\n" + status.getLen() + "\n" + status.getModificationTime() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks SHA-256", e);
        }
    }

    private static String schema(StructField[] fields) {
        List<Map<String, Object>> columns = Arrays.stream(fields).map(field -> {
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("type", mlflowType(field.dataType().typeName()));
            column.put("name", field.name());
            column.put("required", !field.nullable());
            return column;
        }).toList();
        return json(Map.of("mlflow_colspec", columns));
    }

    private static String mlflowType(String sparkType) {
        return switch (sparkType) {
            case "integer", "short", "byte" -> "integer";
            case "long", "double", "float", "boolean", "string", "binary" -> sparkType;
            default -> "string";
        };
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
