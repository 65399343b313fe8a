package dev.mlforge.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Checks that a JSON request body is exactly one JSON object, once for every route: MLflow's proto parsing refuses a
 * body that is {@code null}, a list or a scalar, two documents, or an object followed by anything but white space,
 * while a lenient reader would take the first value and ignore the rest, or hand a handler a null.
 */
public final class JsonBodies {
    private JsonBodies() {}

    /** Refuses {@code body} unless it is blank or one JSON object; tokens are skipped, no tree is built. */
    static void requireOneObject(byte[] body) {
        if (isBlank(body)) {
            return;
        }
        try (JsonParser parser = Json.mapper().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw MlforgeException.invalidParameter("The request body must be a JSON object");
            }
            parser.skipChildren();
            requireNothingAfter(parser);
        } catch (JsonProcessingException e) {
            throw MlforgeException.invalidParameter("The request body is not valid JSON: " + Json.describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a request body held in memory", e);
        }
    }

    /**
     * Refuses what follows the JSON object {@code parser} has just read, other than white space: for a route that
     * reads its body itself in one strict pass (see {@link BodyTypes}).
     */
    public static void requireNothingAfter(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw MlforgeException.invalidParameter("The request body must be one JSON object, found more content after it at "
                    + "line " + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr());
        }
    }

    /** Refuses {@code body} unless it is blank or starts a JSON object; for routes whose reader checks the rest. */
    static void requireObjectStart(byte[] body) {
        if (isBlank(body) || startsWithBrace(body)) {
            // A parser answers START_OBJECT for a first '{' in any encoding it detects; only other starts need one.
            return;
        }
        try (JsonParser parser = Json.mapper().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw MlforgeException.invalidParameter("The request body must be a JSON object");
            }
        } catch (JsonProcessingException e) {
            throw MlforgeException.invalidParameter("The request body is not valid JSON: " + Json.describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a request body held in memory", e);
        }
    }

    /** True when the first byte other than JSON white space is '{'. */
    private static boolean startsWithBrace(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }

    static boolean isBlank(byte[] body) {
        if (body == null) {
            return true;
        }
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
