package dev.mlforge.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Page tokens of the prediction log: base64 of {@code {"time_ms": T, "id": N}}, the last row of the page. The log
 * grows at its newest end while it is read newest first, so a key (not an offset) keeps pages from shifting.
 */
final class PredictionPage {
    /** The position after which the next page starts: the last row's time and id. */
    record Key(long timeMillis, long id) {}

    private PredictionPage() {}

    static String encode(Key key) {
        String json = "{\"time_ms\": " + key.timeMillis() + ", \"id\": " + key.id() + "}";
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a token stands for; null for a null or empty token. */
    static Key decode(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (node == null || !node.path("time_ms").canConvertToLong() || !node.path("id").canConvertToLong()) {
                throw invalid(token);
            }
            return new Key(node.get("time_ms").asLong(), node.get("id").asLong());
        } catch (IllegalArgumentException | IOException e) {
            throw invalid(token);
        }
    }

    private static MlforgeException invalid(String token) {
        return MlforgeException.invalidParameter("Invalid page token '" + token + "'");
    }
}
