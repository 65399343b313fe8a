package dev.mlforge.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;

/**
 * The platform's JSON settings with snake_case names: the wire and stored form of monitors, their results, alert
 * rules, alerts and webhook payloads.
 */
public final class MonitoringJson {
    public static final ObjectMapper MAPPER = Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private MonitoringJson() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * A client's request body as {@code type}: anything but a JSON object (an empty body counts as {@code {}}) is a
     * BAD_REQUEST naming {@code what}, and a field of the wrong type is one naming the field, without parser internals.
     */
    public static <T> T readRequest(String body, Class<T> type, String what) {
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Malformed " + what + ": the body is not valid JSON ("
                    + (e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ") + e.getOriginalMessage().replaceAll("\\(.*", "").strip() + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Malformed " + what + ": the body must be a JSON object, got "
                    + (tree == null || tree.isNull() ? "null" : tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            String field = e.getPath().stream().map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                    : "[" + reference.getIndex() + "]").collect(java.util.stream.Collectors.joining(".")).replace(".[", "[");
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Malformed " + what + ": field '" + field + "' has the wrong type");
        } catch (JsonProcessingException e) {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Malformed " + what + ": " + e.getOriginalMessage());
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
