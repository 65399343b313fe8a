package dev.mlforge.pipelines;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code /api/v1/pipelines} JSON body into its api-model request record, refusing with
 * {@code INVALID_PARAMETER_VALUE} what Jackson would otherwise coerce or drop: a text field sent as a number or an
 * object, {@code params} that is not an object, {@code enabled} that is not a boolean.
 */
final class PipelineRequests {
    private PipelineRequests() {}

    static <T extends Record> T read(String body, Class<T> type) {
        JsonNode tree = tree(body);
        for (RecordComponent component : type.getRecordComponents()) {
            String field = component.getAccessor().getAnnotation(JsonProperty.class).value();
            JsonNode value = tree.get(field);
            if (value != null && !value.isNull()) {
                requireKind(field, component.getType(), value);
            }
        }
        try {
            return Json.mapper().treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw MlforgeException.invalidParameter("The request body does not match " + type.getSimpleName() + ": "
                    + Json.describe(e));
        }
    }

    /** The value of a required text field, refused when missing or blank. */
    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw missing(field);
        }
        return value;
    }

    /**
     * Parameter values as the pipeline sees them: a text as itself, a number, boolean or null as its JSON text, a list
     * or an object as its JSON text (nulls inside kept).
     */
    static Map<String, String> params(Map<String, Object> params) {
        Map<String, String> texts = new LinkedHashMap<>();
        if (params != null) {
            params.forEach((name, value) -> texts.put(name, value instanceof Map<?, ?> || value instanceof List<?>
                    ? node(value).toString() : node(value).asText()));
        }
        return texts;
    }

    private static JsonNode tree(String body) {
        try {
            JsonNode tree = Json.mapper().readTree(body);
            if (tree == null || !tree.isObject()) {
                throw MlforgeException.invalidParameter("The request body must be a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw MlforgeException.invalidParameter("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void requireKind(String field, Class<?> type, JsonNode value) {
        if (type == String.class && !value.isTextual()) {
            throw field.equals("base_dir")
                    ? MlforgeException.invalidParameter("'base_dir' must be a string (a folder on the server)")
                    : missing(field);
        }
        if (type == Map.class && !value.isObject()) {
            throw MlforgeException.invalidParameter("'" + field + "' must be an object of parameter names to values");
        }
        if (type == Boolean.class && !value.isBoolean()) {
            throw MlforgeException.invalidParameter("'" + field + "' must be true or false");
        }
    }

    private static MlforgeException missing(String field) {
        return MlforgeException.invalidParameter("Missing value for required parameter '" + field + "'");
    }

    /** A value read by Jackson as a JSON tree, built by hand so that nulls inside objects stay. */
    private static JsonNode node(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value instanceof Map<?, ?> map) {
            var object = nodes.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), node(item)));
            return object;
        }
        if (value instanceof List<?> list) {
            var array = nodes.arrayNode();
            list.forEach(item -> array.add(node(item)));
            return array;
        }
        return value == null ? nodes.nullNode() : Json.mapper().valueToTree(value);
    }
}
