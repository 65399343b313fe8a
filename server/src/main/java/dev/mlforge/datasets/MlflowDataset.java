package dev.mlforge.datasets;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset version in the shape of MLflow's {@code Dataset} entity (as logged with {@code log_inputs}):
 * {@code digest} identifies the content (at most 36 characters), {@code source} is a JSON document locating it,
 * {@code schema} and {@code profile} are optional JSON strings. Runs record the datasets they consumed in this shape.
 */
public record MlflowDataset(
        String name,
        String digest,
        @JsonProperty("source_type") String sourceType,
        String source,
        String schema,
        String profile) {

    /** {@code mlflow.data.context} of a dataset a model was trained on. */
    public static final String TRAINING = "training";
    /** {@code mlflow.data.context} of a dataset a model was evaluated on. */
    public static final String EVALUATION = "evaluation";

    public MlflowDataset {
        require(name, "name");
        require(digest, "digest");
        require(sourceType, "source_type");
        require(source, "source");
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw MlforgeException.invalidParameter("A dataset needs a '" + field + "'");
        }
    }

    static MlflowDataset of(DatasetVersionEntity version) {
        String source = "{\"uri\":\"mlforge-artifacts:/" + version.artifactPath() + "\"}";
        return describe(version.name(), version.digest(), version.sha256(), version.rowCount(), version.schema(),
                "mlforge_artifact", source);
    }

    /**
     * A CSV file that is not a registered version, as MLflow describes a local file: source type {@code local}, a
     * {@code file:} URI. Its digest is the one the file would get as a registered version.
     */
    public static MlflowDataset ofLocalFile(String name, Path file, CsvTable table, String sha256) {
        return describe(name, DatasetService.digestOf(sha256), sha256, table.rowCount(), DatasetProfiler.schema(table), "local",
                json(Map.of("uri", file.toAbsolutePath().toUri().toString())));
    }

    private static MlflowDataset describe(String name, String digest, String sha256, long rowCount, List<DatasetColumn> schema,
            String sourceType, String source) {
        List<Map<String, String>> colspec = schema.stream().map(MlflowDataset::colspec).toList();
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("num_rows", rowCount);
        profile.put("num_elements", rowCount * schema.size());
        profile.put("sha256", sha256);
        return new MlflowDataset(name, digest, sourceType, source, json(Map.of("mlflow_colspec", colspec)), json(profile));
    }

    /** One column as MLflow's {@code ColSpec} writes it: {@code type} then {@code name}, in this order on every run. */
    private static Map<String, String> colspec(DatasetColumn column) {
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("type", column.type() == ColumnType.NUMERIC ? "double" : "string");
        spec.put("name", column.name());
        return spec;
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
