package dev.mlforge.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.http.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** Flattens step parameters into MLflow run params: scalars as text, nested values as JSON, at most 6000 chars. */
final class RunParams {
    private static final int MAX_LENGTH = 6000;

    private RunParams() {}

    static Map<String, String> flatten(Map<String, Object> with) {
        Map<String, String> params = new LinkedHashMap<>();
        with.forEach((key, value) -> {
            String text = value instanceof Map<?, ?> || value instanceof java.util.List<?> ? json(value) : String.valueOf(value);
            params.put(key, text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text);
        });
        return params;
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
