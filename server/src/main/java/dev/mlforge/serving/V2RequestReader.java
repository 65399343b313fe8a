package dev.mlforge.serving;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.Json;
import dev.mlforge.http.JsonBodies;
import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a V2 inference request body in one streaming pass: each input's {@code data} goes from the parser straight
 * into its primitive array when its name, datatype and shape came first (as clients send them), with no JSON tree
 * of one node per value; everything else (small fields, data sent before its shape, any value that is not a plain
 * number) is read as a tree and goes through {@link V2Protocol}'s checks, so the answers, errors included, are those
 * of {@link V2Protocol#readRequest(JsonNode)}. A JFR profile of single-row inference put the tree of a 64-value
 * request among the larger costs of the route. The body must be one JSON object with nothing after it.
 */
final class V2RequestReader {
    private V2RequestReader() {}

    static V2Protocol.Request read(byte[] body) {
        return read(body, body.length, null);
    }

    /**
     * The request whose JSON is the first {@code jsonLength} bytes of {@code body}; with {@code binary} (the bytes
     * after it, the binary tensor data extension) inputs that give {@code parameters.binary_data_size} take that
     * many bytes of it, in input order, and every byte must be taken.
     */
    static V2Protocol.Request read(byte[] body, int jsonLength, ByteBuffer binary) {
        try (JsonParser parser = Json.mapper().createParser(body, 0, jsonLength)) {
            V2Protocol.Request request;
            try {
                request = readObject(parser, binary);
                if (binary != null && binary.hasRemaining()) {
                    throw MlforgeException.invalidParameter("The request has " + binary.remaining()
                            + " bytes of binary data after the inputs' binary_data_size took theirs");
                }
            } catch (MlforgeException invalid) {
                // A body that is also malformed further on is answered as malformed, as the whole-body check at the
                // door answers other routes.
                skipRootObject(parser);
                JsonBodies.requireNothingAfter(parser);
                throw invalid;
            }
            JsonBodies.requireNothingAfter(parser);
            return request;
        } catch (JsonProcessingException e) {
            throw MlforgeException.invalidParameter("The request body is not valid JSON: " + Json.describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a request body held in memory", e);
        }
    }

    /** Reads on to the end of the top-level object (or of the input, when it is not one). */
    private static void skipRootObject(JsonParser parser) throws IOException {
        while (!(parser.currentToken() == JsonToken.END_OBJECT && parser.getParsingContext().inRoot())) {
            if (parser.nextToken() == null) {
                return;
            }
        }
    }

    private static V2Protocol.Request readObject(JsonParser parser, ByteBuffer binary) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "The request body must be a JSON object");
        }
        List<Tensor> tensors = new ArrayList<>();
        boolean inputsIsArray = false;
        JsonNode outputs = null;
        JsonNode id = null;
        JsonNode parameters = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "inputs" -> {
                    inputsIsArray = value == JsonToken.START_ARRAY;
                    tensors = inputsIsArray ? readInputs(parser, binary) : skip(parser, List.of());
                }
                case "outputs" -> outputs = parser.readValueAsTree();
                case "id" -> id = parser.readValueAsTree();
                case "parameters" -> parameters = parser.readValueAsTree();
                default -> parser.skipChildren();
            }
        }
        return V2Protocol.request(tensors, inputsIsArray, outputs, id, parameters);
    }

    private static <T> T skip(JsonParser parser, T result) throws IOException {
        parser.skipChildren();
        return result;
    }

    private static List<Tensor> readInputs(JsonParser parser, ByteBuffer binary) throws IOException {
        List<Tensor> tensors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            Tensor tensor = parser.currentToken() == JsonToken.START_OBJECT ? readInput(parser, binary)
                    : V2Protocol.readTensor(parser.readValueAsTree());
            V2Protocol.addInput(tensors, names, tensor);
        }
        return tensors;
    }

    /** One input object; the parser is on its START_OBJECT. */
    private static Tensor readInput(JsonParser parser, ByteBuffer binary) throws IOException {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        V2Protocol.Header header = null;
        Object values = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("data") && fields.has("name") && fields.has("datatype") && fields.has("shape")) {
                header = V2Protocol.header(fields);
                values = header.datatype().allocate(header.count());
                fields.remove("data");
                header.checkFilled(fill(parser, header, values, 0));
            } else {
                fields.set(field, smallValue(parser));
                if (field.equals("data")) {
                    header = null;
                }
            }
        }
        boolean binarySized = fields.path("parameters").has(V2Protocol.BINARY_DATA_SIZE);
        if (header == null) {
            return binarySized ? V2Protocol.readBinaryTensor(fields, binary) : V2Protocol.readTensor(fields);
        }
        if (binarySized) {
            throw MlforgeException.invalidParameter("Input '" + header.name() + "' has both 'data' and "
                    + V2Protocol.BINARY_DATA_SIZE);
        }
        return new Tensor(header.name(), header.datatype(), header.shape(), values);
    }

    /**
     * The value at the parser's current token as the tree {@code readValueAsTree} would give, built directly for a
     * string (name, datatype) and an array of small integers (shape): the tree reader sets up a deserialization
     * context per call, three times per input.
     */
    private static JsonNode smallValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return TextNode.valueOf(parser.getText());
        }
        if (token != JsonToken.START_ARRAY) {
            return parser.readValueAsTree();
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
                array.add(IntNode.valueOf(parser.getIntValue()));
            } else {
                array.add(parser.<JsonNode>readValueAsTree());
            }
        }
        return array;
    }

    /**
     * Copies the nested or flat data at the parser's current token into {@code target} from {@code offset}, counting
     * values past the capacity without storing them, as {@link V2Protocol#fill} does; answers the next offset.
     */
    private static int fill(JsonParser parser, V2Protocol.Header header, Object target, int offset) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_ARRAY) {
            int next = offset;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                next = fill(parser, header, target, next);
            }
            return next;
        }
        if (offset >= header.count()) {
            parser.skipChildren();
            return offset + 1;
        }
        boolean number = token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT;
        if (number && header.datatype() == DataType.FP32) {
            ((float[]) target)[offset] = (float) parser.getDoubleValue();
        } else if (number && header.datatype() == DataType.FP64) {
            ((double[]) target)[offset] = parser.getDoubleValue();
        } else {
            // Integers, booleans, strings, null and wrong kinds: the tree rules, values and error messages.
            JsonValues.set(header.name(), header.datatype(), parser.readValueAsTree(), target, offset);
        }
        return offset + 1;
    }
}
