package dev.mlforge.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The prediction of each row of a logged answer (a JSON array of Open Inference Protocol tensors): the first
 * {@code [n]} or {@code [n, 1]} output (a label or a regression value), else the arg-max class index of the first
 * {@code [n, c]} output (class scores), else the row's slice of the first output.
 */
final class RowPredictions {
    private RowPredictions() {}

    static List<JsonNode> of(String outputsJson) {
        JsonNode tensors = parse(outputsJson);
        JsonNode single = null;
        JsonNode scores = null;
        for (JsonNode tensor : tensors) {
            JsonNode shape = tensor.path("shape");
            if (single == null && (shape.size() == 1 || shape.size() == 2 && shape.get(1).asLong() == 1)) {
                single = tensor;
            } else if (scores == null && shape.size() == 2) {
                scores = tensor;
            }
        }
        if (single != null) {
            List<JsonNode> rows = new ArrayList<>();
            single.path("data").forEach(rows::add);
            return rows;
        }
        return scores != null ? argMax(scores) : slices(tensors.path(0));
    }

    private static List<JsonNode> argMax(JsonNode tensor) {
        int rows = tensor.path("shape").get(0).asInt();
        int width = tensor.path("shape").get(1).asInt();
        JsonNode data = tensor.path("data");
        List<JsonNode> predictions = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            int best = 0;
            for (int c = 1; c < width; c++) {
                if (data.path(row * width + c).asDouble() > data.path(row * width + best).asDouble()) {
                    best = c;
                }
            }
            predictions.add(Json.mapper().getNodeFactory().numberNode(best));
        }
        return predictions;
    }

    private static List<JsonNode> slices(JsonNode tensor) {
        if (tensor.isMissingNode() || tensor.path("shape").isEmpty()) {
            return List.of();
        }
        int rows = tensor.path("shape").get(0).asInt();
        JsonNode data = tensor.path("data");
        int width = rows == 0 ? 0 : data.size() / rows;
        List<JsonNode> predictions = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            var slice = Json.mapper().createArrayNode();
            for (int i = 0; i < width; i++) {
                slice.add(data.get(row * width + i));
            }
            predictions.add(slice);
        }
        return predictions;
    }

    /** True when both are numbers within {@code tolerance} of each other, or equal otherwise. */
    static boolean agree(JsonNode primary, JsonNode shadow, double tolerance) {
        if (primary.isNumber() && shadow.isNumber()) {
            return Math.abs(primary.asDouble() - shadow.asDouble()) <= tolerance;
        }
        return primary.equals(shadow);
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            return node == null ? Json.mapper().createArrayNode() : node;
        } catch (IOException e) {
            throw new IllegalStateException("a logged prediction is not JSON", e);
        }
    }
}
