package dev.mlforge.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.http.Json;
import dev.mlforge.testing.TestHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a recorded session of the real MLflow 3.11 Python client (its requests exactly as sent, protobuf span
 * exports included) against a server and checks each answer against what MLflow 3.11's own server answered.
 * Server-made values are matched up rather than compared: assessment ids (learned from the first answer naming one)
 * assessment update times and experiment times (tracking's, not under test here); the error extras MLflow adds ({@code sqlstate}, {@code error_class}) are not compared.
 */
final class ClientSessionReplay {
    private ClientSessionReplay() {}

    /** One recorded exchange. */
    record Exchange(String method, String path, String contentType, String experimentHeader, byte[] body, int status,
            String responseContentType, String response) {}

    static List<Exchange> load(String resource) throws IOException {
        List<Exchange> exchanges = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                ClientSessionReplay.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = Json.mapper().readTree(line);
                byte[] body = node.get("body").isNull() ? null : node.get("body_encoding").asText().equals("base64")
                        ? Base64.getDecoder().decode(node.get("body").asText())
                        : node.get("body").asText().getBytes(StandardCharsets.UTF_8);
                exchanges.add(new Exchange(node.get("method").asText(), node.get("path").asText(),
                        node.get("content_type").isNull() ? null : node.get("content_type").asText(),
                        node.get("experiment_header").isNull() ? null : node.get("experiment_header").asText(), body,
                        node.get("status").asInt(), node.get("response_content_type").asText(), node.get("response").asText()));
            }
        }
        return exchanges;
    }

    /** Replays every exchange in order; answers how many were compared. */
    static int replay(TestHttp http, List<Exchange> exchanges) throws IOException {
        Map<String, String> serverIds = new LinkedHashMap<>();
        int compared = 0;
        for (Exchange exchange : exchanges) {
            String path = substitute(exchange.path(), serverIds);
            byte[] body = exchange.body() == null || exchange.body().length == 0 ? exchange.body()
                    : exchange.contentType() != null && exchange.contentType().contains("protobuf") ? exchange.body()
                    : substitute(new String(exchange.body(), StandardCharsets.UTF_8), serverIds).getBytes(StandardCharsets.UTF_8);
            TestHttp.Response answer = exchange.experimentHeader() == null
                    ? http.send(exchange.method(), path, exchange.contentType(), body)
                    : http.send(exchange.method(), path, exchange.contentType(), body, "x-mlflow-experiment-id",
                            exchange.experimentHeader());
            String what = exchange.method() + " " + exchange.path();
            if (exchange.path().equals("/version")) {
                assertThat(answer.body()).as(what).isEqualTo("3.11.0");
                continue;
            }
            assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(exchange.status());
            if (exchange.response().isEmpty()) {
                assertThat(answer.bytes()).as(what).isEmpty();
                assertThat(answer.header("Content-Type").orElse("")).as(what).startsWith(exchange.responseContentType());
                compared++;
                continue;
            }
            JsonNode expected = Json.mapper().readTree(exchange.response());
            JsonNode actual = answer.json();
            learnAssessmentId(expected, actual, serverIds);
            JsonNode actualInRecordedIds = Json.mapper().readTree(unsubstitute(answer.body(), serverIds));
            assertThat(normalized(actualInRecordedIds)).as(what).isEqualTo(normalized(expected));
            compared++;
        }
        return compared;
    }

    private static void learnAssessmentId(JsonNode expected, JsonNode actual, Map<String, String> serverIds) {
        JsonNode recorded = expected.at("/assessment/assessment_id");
        JsonNode given = actual.at("/assessment/assessment_id");
        if (recorded.isTextual() && given.isTextual()) {
            assertThat(given.asText()).matches("a-[0-9a-f]{32}");
            serverIds.putIfAbsent(recorded.asText(), given.asText());
        }
    }

    private static String substitute(String text, Map<String, String> serverIds) {
        for (Map.Entry<String, String> id : serverIds.entrySet()) {
            text = text.replace(id.getKey(), id.getValue());
        }
        return text;
    }

    private static String unsubstitute(String text, Map<String, String> serverIds) {
        for (Map.Entry<String, String> id : serverIds.entrySet()) {
            text = text.replace(id.getValue(), id.getKey());
        }
        return text;
    }

    /** The answer without the values only a server makes: error extras and assessment update times. */
    private static JsonNode normalized(JsonNode node) {
        JsonNode copy = node.deepCopy();
        if (copy instanceof ObjectNode object) {
            object.remove("sqlstate");
            object.remove("error_class");
        }
        blankUpdateTimes(copy);
        return copy;
    }

    private static void blankUpdateTimes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("experiment_id") && object.has("creation_time")) {
                object.put("creation_time", 0);
                object.put("last_update_time", 0);
            }
            if (object.has("assessment_id") && object.has("last_update_time")) {
                assertThat(object.get("last_update_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
                object.put("last_update_time", "*");
            }
            object.forEach(ClientSessionReplay::blankUpdateTimes);
        } else if (node != null && node.isArray()) {
            node.forEach(ClientSessionReplay::blankUpdateTimes);
        }
    }
}
