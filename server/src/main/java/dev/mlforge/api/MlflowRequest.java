package dev.mlforge.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of one MLflow API request, read the way MLflow's handlers read them: GET from the query
 * string (repeated keys, {@code k[]} and {@code k[0]} forms become lists), other methods from a JSON body.
 * Field names are proto (snake_case) names; proto3-JSON camelCase is accepted too. int64 fields may
 * arrive as strings. Missing required fields give INVALID_PARAMETER_VALUE with MLflow's message.
 */
public final class MlflowRequest {
    private final ObjectNode fields;

    private MlflowRequest(ObjectNode fields) {
        this.fields = fields;
    }

    public static MlflowRequest of(Context ctx) {
        if (ctx.method() == HandlerType.GET) {
            return new MlflowRequest(fromQuery(ctx.queryParamMap()));
        }
        return new MlflowRequest(fromBody(ctx.body(), ctx.contentType()));
    }

    public static MlflowRequest of(ObjectNode fields) {
        return new MlflowRequest(fields);
    }

    static ObjectNode fromBody(String body, String contentType) {
        if (body == null || body.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        if (contentType != null && !contentType.toLowerCase().startsWith("application/json")) {
            throw new MlforgeException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Bad request. Content-Type must be 'application/json', got '" + contentType + "'");
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw MlforgeException.invalidParameter("Request body must be a JSON object");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Malformed JSON request body: " + e.getOriginalMessage());
        }
    }

    static ObjectNode fromQuery(Map<String, List<String>> query) {
        ObjectNode node = Json.mapper().createObjectNode();
        query.forEach((rawKey, values) -> {
            String key = rawKey.replaceAll("\\[\\d*]$", "");
            boolean listForm = !key.equals(rawKey) || values.size() > 1;
            if (listForm || node.has(key)) {
                ArrayNode array = node.has(key) && node.get(key).isArray() ? (ArrayNode) node.get(key) : node.putArray(key);
                values.forEach(array::add);
            } else {
                node.put(key, values.get(0));
            }
        });
        return node;
    }

    /** The raw node of a field, or null when absent or JSON null. */
    public JsonNode node(String field) {
        JsonNode value = fields.get(field);
        if (value == null || value.isNull()) {
            value = fields.get(camelCase(field));
        }
        return value == null || value.isNull() ? null : value;
    }

    public boolean has(String field) {
        return node(field) != null;
    }

    public String optionalString(String field) {
        JsonNode value = node(field);
        return value == null ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    public String requiredString(String field) {
        String value = optionalString(field);
        if (value == null || value.isEmpty()) {
            throw missing(field);
        }
        return value;
    }

    public Long optionalLong(String field) {
        JsonNode value = node(field);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().trim());
            } catch (NumberFormatException e) {
                throw MlforgeException.invalidParameter(
                        "Invalid value \"" + value.asText() + "\" for parameter '" + field + "' supplied: expected an integer");
            }
        }
        throw MlforgeException.invalidParameter("Invalid value " + value + " for parameter '" + field + "' supplied: expected an integer");
    }

    public long requiredLong(String field) {
        Long value = optionalLong(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    public Integer optionalInt(String field) {
        Long value = optionalLong(field);
        if (value == null) {
            return null;
        }
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw MlforgeException.invalidParameter("Invalid value " + value + " for parameter '" + field + "': out of range");
        }
        return value.intValue();
    }

    /** A double; accepts numbers, numeric strings and MLflow's "NaN", "Infinity", "-Infinity". */
    public Double optionalDouble(String field) {
        JsonNode value = node(field);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            String text = value.asText().trim();
            switch (text) {
                case "NaN": return Double.NaN;
                case "Infinity": case "inf": return Double.POSITIVE_INFINITY;
                case "-Infinity": case "-inf": return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        // fall through to the error below
                    }
            }
        }
        throw MlforgeException.invalidParameter("Invalid value " + value + " for parameter '" + field + "' supplied: expected a number");
    }

    public double requiredDouble(String field) {
        Double value = optionalDouble(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    public Boolean optionalBoolean(String field) {
        JsonNode value = node(field);
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        String text = value.asText().trim().toLowerCase();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw MlforgeException.invalidParameter("Invalid value " + value + " for parameter '" + field + "' supplied: expected a boolean");
    }

    /** A repeated string field; a single value counts as a list of one. */
    public List<String> stringList(String field) {
        JsonNode value = node(field);
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (value.isArray()) {
            value.forEach(element -> result.add(element.asText()));
        } else {
            result.add(value.asText());
        }
        return result;
    }

    /** A repeated message field, as JSON objects. */
    public List<JsonNode> objectList(String field) {
        JsonNode value = node(field);
        List<JsonNode> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (!value.isArray()) {
            throw MlforgeException.invalidParameter("Invalid value " + value + " for parameter '" + field + "' supplied: expected a list");
        }
        value.forEach(result::add);
        return result;
    }

    public ObjectNode fields() {
        return fields;
    }

    public static MlforgeException missing(String field) {
        return MlforgeException.invalidParameter("Missing value for required parameter '" + field + "'. "
                + "See the API docs for more information about request parameters.");
    }

    static String camelCase(String snake) {
        StringBuilder out = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
