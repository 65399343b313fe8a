package dev.mlforge.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page tokens of every search, as MLflow makes them: base64 of {@code {"offset": N}}. A search may add a seek
 * position ({@code {"offset": N, "seek": {...}}}) from which its next page can start without skipping N results again;
 * the offset stays valid on its own.
 */
public final class PageToken {
    private PageToken() {}

    public static String encode(int offset) {
        String json = "{\"offset\": " + offset + "}";
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A token for {@code offset} that also carries the position {@code seek} where the next page starts. */
    public static String encode(int offset, JsonNode seek) {
        if (seek == null) {
            return encode(offset);
        }
        com.fasterxml.jackson.databind.node.ObjectNode node = Json.mapper().createObjectNode();
        node.put("offset", offset);
        node.set("seek", seek);
        return Base64.getUrlEncoder().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The seek position a token carries, or null (no token, or a token of the offset alone). */
    public static JsonNode seek(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(new String(decodeBase64(token), StandardCharsets.UTF_8));
            return node == null ? null : node.get("seek");
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid(token);
        }
    }

    /** The offset a token stands for; 0 for a null or empty token. MLflow's clients send either base64 alphabet. */
    public static int decode(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            byte[] bytes = decodeBase64(token);
            JsonNode node = Json.mapper().readTree(new String(bytes, StandardCharsets.UTF_8));
            JsonNode offset = node == null ? null : node.get("offset");
            if (offset == null || !offset.canConvertToInt() || offset.asInt() < 0) {
                throw invalid(token);
            }
            return offset.asInt();
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid(token);
        }
    }

    private static byte[] decodeBase64(String token) {
        try {
            return Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Base64.getDecoder().decode(token);
        }
    }

    private static MlforgeException invalid(String token) {
        return MlforgeException.invalidParameter("Invalid page token, could not base64-decode: '" + token + "'");
    }
}
