package dev.mlforge.monitoring.monitors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a logged request's Open Inference Protocol tensors into rows. Inputs: a tensor of shape {@code [n]} or
 * {@code [n, 1]} is the column of its name; a tensor {@code [n, k]} gives the columns {@code name_0 .. name_k-1}.
 * Outputs: the first {@code [n]}/{@code [n, 1]} tensor is the prediction; an {@code [n, c]} tensor ({@code c > 1})
 * holds class scores for the classes {@code 0 .. c-1} (and, without a label tensor, the prediction is its argmax).
 */
final class OipTensorRows {
    private OipTensorRows() {}

    static List<PredictionRow> rows(LoggedPrediction logged) {
        List<Map<String, Object>> inputs = inputRows(parse(logged.inputsJson()));
        int rowCount = inputs.size();
        List<Object> predictions = new ArrayList<>();
        List<Map<String, Double>> scores = new ArrayList<>();
        outputs(parse(logged.outputsJson()), rowCount, predictions, scores);
        List<Object> labels = labels(logged.labelJson(), rowCount);
        List<PredictionRow> rows = new ArrayList<>(rowCount);
        for (int i = 0; i < rowCount; i++) {
            rows.add(new PredictionRow(logged.requestId(), logged.version(), logged.time(), inputs.get(i),
                    i < predictions.size() ? predictions.get(i) : null, i < scores.size() ? scores.get(i) : Map.of(),
                    labels.get(i)));
        }
        return rows;
    }

    private static List<Map<String, Object>> inputRows(JsonNode tensors) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode tensor : tensors) {
            int n = dimension(tensor, 0);
            int width = tensor.path("shape").size() > 1 ? dimension(tensor, 1) : 1;
            while (rows.size() < n) {
                rows.add(new LinkedHashMap<>());
            }
            String name = tensor.path("name").asText();
            JsonNode data = tensor.path("data");
            for (int row = 0; row < n; row++) {
                for (int column = 0; column < width; column++) {
                    String columnName = width == 1 ? name : name + "_" + column;
                    rows.get(row).put(columnName, value(data.path(row * width + column)));
                }
            }
        }
        return rows;
    }

    private static void outputs(JsonNode tensors, int rowCount, List<Object> predictions, List<Map<String, Double>> scores) {
        for (JsonNode tensor : tensors) {
            int width = tensor.path("shape").size() > 1 ? dimension(tensor, 1) : 1;
            JsonNode data = tensor.path("data");
            if (width == 1 && predictions.isEmpty()) {
                for (int row = 0; row < rowCount; row++) {
                    predictions.add(value(data.path(row)));
                }
            } else if (width > 1 && scores.isEmpty()) {
                for (int row = 0; row < rowCount; row++) {
                    Map<String, Double> classScores = new LinkedHashMap<>();
                    for (int c = 0; c < width; c++) {
                        classScores.put(Integer.toString(c), data.path(row * width + c).asDouble());
                    }
                    scores.add(classScores);
                }
            }
        }
        if (predictions.isEmpty() && !scores.isEmpty()) {
            for (Map<String, Double> classScores : scores) {
                predictions.add(classScores.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());
            }
        }
    }

    /** One label per row: an array of n labels, or one label for a single-row request; null otherwise. */
    private static List<Object> labels(String labelJson, int rowCount) {
        List<Object> labels = new ArrayList<>();
        JsonNode label = labelJson == null ? null : parse(labelJson);
        for (int i = 0; i < rowCount; i++) {
            Object value = null;
            if (label != null && label.isArray() && label.size() == rowCount) {
                value = value(label.get(i));
            } else if (label != null && !label.isArray() && rowCount == 1) {
                value = value(label);
            } else if (label != null && label.isArray() && label.size() == 1 && rowCount == 1) {
                value = value(label.get(0));
            }
            labels.add(value);
        }
        return labels;
    }

    private static int dimension(JsonNode tensor, int index) {
        JsonNode shape = tensor.path("shape");
        if (shape.size() == 0) {
            return tensor.path("data").size();
        }
        return shape.get(index).asInt();
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        return node.asText();
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("logged prediction is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
