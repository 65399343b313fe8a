package dev.mlforge.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.http.Json;

/**
 * Writes and reads the JSON columns of the monitoring stores with the one mapper: each column holds an api-model
 * record, so what is stored is what the routes answer.
 */
public final class StoredJson {
    private StoredJson() {}

    public static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
