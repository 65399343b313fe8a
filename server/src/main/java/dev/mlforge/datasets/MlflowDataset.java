package dev.mlforge.datasets;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.api.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset version in the shape of MLflow's {@code Dataset} entity (as logged with {@code log_inputs}):
 * {@code schema} and {@code profile} are JSON strings, {@code digest} is at most 36 characters.
 */
public record MlflowDataset(
        String name,
        String digest,
        @JsonProperty("source_type") String sourceType,
        String source,
        String schema,
        String profile) {

    static MlflowDataset of(DatasetVersion version) {
        List<Map<String, String>> colspec = version.schema().stream()
                .map(column -> Map.of("type", column.type() == ColumnType.NUMERIC ? "double" : "string", "name", column.name()))
                .toList();
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("num_rows", version.rowCount());
        profile.put("num_elements", version.rowCount() * version.schema().size());
        profile.put("sha256", version.sha256());
        String source = "{\"uri\":\"mlforge-artifacts:/" + version.artifactPath() + "\"}";
        return new MlflowDataset(version.name(), version.digest(), "mlforge_artifact", source,
                json(Map.of("mlflow_colspec", colspec)), json(profile));
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
