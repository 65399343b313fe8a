package dev.mlforge.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page tokens of every search, as MLflow makes them: base64 of {@code {"offset": N}}. */
public final class PageToken {
    private PageToken() {}

    public static String encode(int offset) {
        String json = "{\"offset\": " + offset + "}";
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
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
