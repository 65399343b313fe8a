package dev.mlforge.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of one MLflow API request, read the way MLflow's handlers read them: GET from the query
 * string (repeated keys, {@code k[]} and {@code k[0]} forms become lists), other methods from a JSON body.
 * Field names are proto (snake_case) names; proto3-JSON camelCase is accepted too. int64 fields may
 * arrive as strings. Routes bind the fields to an api-model request record ({@link #read(Context, Class)}) and check
 * required ones with {@link #required}, which gives INVALID_PARAMETER_VALUE with MLflow's message.
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
        return new MlflowRequest(fromBody(RequestBodies.read(ctx), null, null));
    }

    /**
     * Reads a JSON body like {@link #of(Context)}, except that the elements of one list field go to {@code reader}
     * as the parser reaches them instead of into the tree: log-batch's 1000 metrics would otherwise become 1000
     * object nodes, the largest cost of the request. That field is then absent from the returned request.
     */
    public static MlflowRequest streaming(Context ctx, String listField, ElementReader reader) {
        if (!GuardedRequest.awaitsBody(ctx)) {
            return new MlflowRequest(fromBody(RequestBodies.read(ctx), listField, reader));
        }
        return streamingForChecks(RequestBodies.read(ctx), listField, reader, fields -> GuardedRequest.bodyParsed(ctx, fields));
    }

    /**
     * {@link #streaming(Context, String, ElementReader)} for a {@link DataPlaneRoute} declared to parse first, whichever
     * path carried its request: the router's ({@link GuardedRequest}) or the lean data plane's ({@link LeanExchange}).
     */
    public static MlflowRequest streaming(DataPlaneExchange exchange, String listField, ElementReader reader) {
        if (exchange instanceof GuardedRequest routed) {
            return streaming(routed.context(), listField, reader);
        }
        if (exchange instanceof LeanExchange lean && lean.awaitsBody()) {
            return streamingForChecks(lean.body(), listField, reader, lean::bodyParsed);
        }
        return new MlflowRequest(fromBody(exchange.body(), listField, reader));
    }

    /**
     * The door's checks of body fields wait for this parse (RouteParsesFirst): they run on the fields it read, even
     * when the body is refused, so a caller without permission is answered 403 first, as when the door checked.
     */
    private static MlflowRequest streamingForChecks(byte[] body, String listField, ElementReader reader,
            java.util.function.Consumer<ObjectNode> checks) {
        ObjectNode fields = Json.mapper().createObjectNode();
        RuntimeException refusal = null;
        try {
            readBody(body, fields, listField, reader, true);
        } catch (RuntimeException e) {
            refusal = e;
        }
        checks.accept(fields);
        if (refusal != null) {
            throw refusal;
        }
        return new MlflowRequest(fields);
    }

    /** Reads one element of a streamed list; called with the parser at the element's first token. */
    @FunctionalInterface
    public interface ElementReader {
        void read(JsonParser parser) throws IOException;
    }

    /**
     * The value at the parser's current token as a node (JSON null as null). Scalars are built directly, without the
     * deserialization context a tree read sets up for every call.
     */
    public static JsonNode readValue(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_TRUE, VALUE_FALSE -> nodes.booleanNode(parser.getBooleanValue());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
            default -> parser.readValueAsTree();
        };
    }

    /**
     * A string field at the parser's current token, as {@link #string(JsonNode, String)} reads it; a JSON string (the
     * common case) is read without building a node first.
     */
    public static String string(JsonParser parser, String field) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : string(readValue(parser), field);
    }

    /** A double field at the parser's current token, as {@link #doubleValue(JsonNode, String)} reads it; a number without a node. */
    public static Double doubleValue(JsonParser parser, String field) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return (double) parser.getLongValue();
        }
        return doubleValue(readValue(parser), field);
    }

    /** An int64 field at the parser's current token, as {@link #longValue(JsonNode, String)} reads it; a number without a node. */
    public static Long longValue(JsonParser parser, String field) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        return longValue(readValue(parser), field);
    }

    static MlflowRequest of(ObjectNode fields) {
        return new MlflowRequest(fields);
    }

    /**
     * Reads the request like {@link #of(Context)} into an api-model request record: each component is read by its
     * {@code @JsonProperty} name with the rules of this class (see {@code RequestBinder}). Absent fields are null
     * (empty for lists); check required ones with {@link #required}.
     */
    public static <R extends Record> R read(Context ctx, Class<R> type) {
        return of(ctx).read(type);
    }

    /** These fields as an api-model request record (see {@link #read(Context, Class)}). */
    public <R extends Record> R read(Class<R> type) {
        return RequestBinder.bind(this, type);
    }

    /** A required field of a bound record: absent (null) or an empty string gives MLflow's missing-parameter error. */
    public static <T> T required(T value, String field) {
        if (value == null || value instanceof String text && text.isEmpty()) {
            throw missing(field);
        }
        return value;
    }

    /** An element of a repeated message field as an object; anything else gets MLflow-style refusal. */
    public static ObjectNode object(JsonNode node) {
        return RequestBinder.object(node);
    }

    /** A required string that may be empty (a tag's or param's {@code value}): only absence is refused. */
    public static String requiredMayBeEmpty(String value, String field) {
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    /**
     * Parsed from the bytes: Jackson's UTF-8 parser is faster than decoding to a String and reading that. The media
     * type and the one-object shape were checked at the door ({@code RequestGuard}); the checks here keep this reader
     * strict on its own (a body that is not one object is refused, never read up to its first value).
     */
    static ObjectNode fromBody(byte[] body, String listField, ElementReader reader) {
        ObjectNode fields = Json.mapper().createObjectNode();
        readBody(body, fields, listField, reader, false);
        return fields;
    }

    /**
     * Reads a body's top-level fields into {@code fields}. With {@code readPastElementErrors}, the first error of a
     * streamed element is thrown only once the whole body was read, so that {@code fields} holds every field it has.
     */
    private static void readBody(byte[] body, ObjectNode fields, String listField, ElementReader reader,
            boolean readPastElementErrors) {
        if (JsonBodies.isBlank(body)) {
            return;
        }
        MlforgeException elementError = null;
        try (JsonParser parser = Json.mapper().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw MlforgeException.invalidParameter("The request body must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (listField != null && value == JsonToken.START_ARRAY
                        && (name.equals(listField) || name.equals(camelCase(listField)))) {
                    elementError = readElements(parser, reader, readPastElementErrors, elementError);
                } else {
                    fields.set(name, readValue(parser));
                }
            }
            if (elementError != null) {
                throw elementError;
            }
            if (parser.nextToken() != null) {
                throw MlforgeException.invalidParameter("The request body must be one JSON object, found more content after it");
            }
        } catch (JsonProcessingException e) {
            if (elementError != null) {
                throw elementError; // the error an unchecked read would have answered first
            }
            throw MlforgeException.invalidParameter("The request body is not valid JSON: " + Json.describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a request body held in memory", e);
        }
    }

    /**
     * Hands each element of the list at the parser to {@code reader}. An element it refuses is thrown at once, or with
     * {@code readPast} skipped to its end and, the first one, answered (kept in {@code error}) after the rest is read.
     */
    private static MlforgeException readElements(JsonParser parser, ElementReader reader, boolean readPast,
            MlforgeException error) throws IOException {
        JsonStreamContext list = parser.getParsingContext();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (error != null) {
                parser.skipChildren();
                continue;
            }
            try {
                reader.read(parser);
            } catch (MlforgeException e) {
                if (!readPast) {
                    throw e;
                }
                error = e;
                while (parser.getParsingContext() != list) {
                    parser.nextToken(); // to the refused element's last token
                }
            }
        }
        return error;
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
    JsonNode node(String field) {
        JsonNode value = fields.get(field);
        if (value == null || value.isNull()) {
            value = fields.get(camelCase(field));
        }
        return value == null || value.isNull() ? null : value;
    }

    String optionalString(String field) {
        return string(node(field), field);
    }

    /**
     * A string field's value, or null when absent or JSON null. A JSON string, or an integer or boolean (whose text is
     * exactly what was sent); an object, a list or a decimal number is refused, as MLflow's proto parsing refuses it,
     * rather than stored as some other text.
     */
    public static String string(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual() || value.isBoolean() || value.isIntegralNumber()) {
            return value.asText();
        }
        throw MlforgeException.invalidParameter("Invalid value " + abbreviated(value) + " for parameter '" + field
                + "' supplied: expected a string");
    }

    private static String abbreviated(JsonNode value) {
        String text = value.toString();
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }

    Long optionalLong(String field) {
        return longValue(node(field), field);
    }

    /** An int64 field's value: an integral number or its decimal string; null when absent or JSON null. */
    public static Long longValue(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            if (!value.canConvertToLong()) {
                throw MlforgeException.invalidParameter("Invalid value " + value + " for parameter '" + field
                        + "' supplied: out of the range of a 64-bit integer");
            }
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
        throw MlforgeException.invalidParameter("Invalid value " + abbreviated(value) + " for parameter '" + field + "' supplied: expected an integer");
    }

    Integer optionalInt(String field) {
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
    Double optionalDouble(String field) {
        return doubleValue(node(field), field);
    }

    /** A double field's value (see {@link #optionalDouble}); null when absent or JSON null. */
    public static Double doubleValue(JsonNode value, String field) {
        if (value == null || value.isNull()) {
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

    Boolean optionalBoolean(String field) {
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
    List<String> stringList(String field) {
        JsonNode value = node(field);
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (value.isArray()) {
            value.forEach(element -> {
                if (element.isNull()) {
                    throw MlforgeException.invalidParameter("Invalid value null in parameter '" + field + "' supplied: expected a string");
                }
                result.add(string(element, field));
            });
        } else {
            result.add(string(value, field));
        }
        return result;
    }

    /** A repeated message field, as JSON objects. */
    List<JsonNode> objectList(String field) {
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
