package dev.mlforge.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** MLflow's opaque page tokens: base64 of {@code {"offset": N}}. */
final class PageTokens {
    private PageTokens() {}

    static String encode(int offset) {
        return Base64.getUrlEncoder().encodeToString(("{\"offset\": " + offset + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** The offset in {@code token}; 0 for a null or empty token. */
    static int decode(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            byte[] bytes = token.contains("+") || token.contains("/")
                    ? Base64.getDecoder().decode(token) : Base64.getUrlDecoder().decode(token);
            JsonNode node = Json.mapper().readTree(bytes);
            JsonNode offset = node == null ? null : node.get("offset");
            if (offset == null || !offset.canConvertToInt() || offset.asInt() < 0) {
                throw new IllegalArgumentException("no offset");
            }
            return offset.asInt();
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw MlforgeException.invalidParameter("Invalid page token, could not base64-decode or parse it: " + token);
        }
    }
}
