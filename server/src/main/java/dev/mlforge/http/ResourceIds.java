package dev.mlforge.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The identifiers a JSON request body names at its top level ({@code experiment_id}, {@code run_id}, {@code name}...),
 * for the audit record's resource; no other field of the body is read. Only the listed names are kept, so a password,
 * token or value can never be picked up.
 *
 * <p>A small body is scanned whole. A large one (a 1000-metric log-batch) is scanned only up to its first nested
 * array or object: skipping a whole log-batch costs about half its parse time again (see {@link BodyTypes}), and the
 * MLflow clients write a message's id fields first, in proto field order.
 */
final class ResourceIds {
    /** Body fields that identify what a request acts on; a record lists them in the order the body has them. */
    static final List<String> FIELDS = List.of("experiment_id", "run_id", "run_uuid", "model_id", "trace_id", "name",
            "version", "alias", "deployment", "username", "new_name");
    /** Bodies up to this size are scanned whole. */
    static final int FULL_SCAN_BYTES = 8 * 1024;
    /** The longest identifier kept; longer values are cut. */
    static final int MAX_VALUE = 256;

    private ResourceIds() {}

    /** Adds the body's identifiers to {@code ids}; a body that is not a JSON object adds nothing. */
    static void addFromBody(byte[] body, Map<String, String> ids) {
        if (body == null || body.length == 0) {
            return;
        }
        boolean scanWhole = body.length <= FULL_SCAN_BYTES;
        try (JsonParser parser = Json.mapper().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
                    if (!scanWhole) {
                        return;
                    }
                    parser.skipChildren();
                } else if (value != JsonToken.VALUE_NULL && FIELDS.contains(field) && !ids.containsKey(field)) {
                    ids.put(field, cut(parser.getText()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // A malformed body was answered 400 by its route; the ids read so far are kept.
        }
    }

    static String cut(String value) {
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
    }
}
