package dev.mlforge.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads a monitoring request body into its api-model record through the one mapper, answering BAD_REQUEST messages
 * that name the field of the wrong type, without parser internals (the monitoring routes' error contract).
 */
public final class RequestBodies {
    private RequestBodies() {}

    /**
     * A client's request body as {@code type}: anything but a JSON object (an empty body counts as {@code {}}) is a
     * BAD_REQUEST naming {@code what}, and a field of the wrong type is one naming the field.
     */
    public static <T> T read(String body, Class<T> type, String what) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Malformed " + what + ": the body is not valid JSON ("
                    + (e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ") + e.getOriginalMessage().replaceAll("\\(.*", "").strip() + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Malformed " + what + ": the body must be a JSON object, got "
                    + (tree == null || tree.isNull() ? "null" : tree.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        try {
            return Json.mapper().treeToValue(tree, type);
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream().map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                    : "[" + reference.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Malformed " + what + ": field '" + field + "' has the wrong type");
        } catch (JsonProcessingException e) {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Malformed " + what + ": " + e.getOriginalMessage());
        }
    }
}
