package dev.mlforge.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Replays what the MLflow 3.11 client sent to MLflow 3.11's server for webhooks (fixture
 * {@code golden/webhooks/mlflow3_webhook_exchange.json}) against a running mlforge, mapping MLflow's webhook ids to the
 * ones mlforge gave, and compares each answer: status, error code, message (mlforge's may add detail after MLflow's),
 * and the webhook bodies with ids and timestamps reduced to their presence.
 */
final class MlflowWebhookGolden {
    private MlflowWebhookGolden() {}

    static JsonNode fixture(String name) {
        try (InputStream in = MlflowWebhookGolden.class.getResourceAsStream("/golden/webhooks/" + name)) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each exchange whose answer differs from MLflow's, as a readable line; empty when all match. */
    static List<String> differences(ApplicationExtension server, String receiver) {
        List<String> differences = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        for (JsonNode exchange : fixture("mlflow3_webhook_exchange.json").get("exchanges")) {
            String method = exchange.get("method").asText();
            String path = exchange.get("path").asText();
            for (Map.Entry<String, String> id : ids.entrySet()) {
                path = path.replace(id.getKey(), id.getValue());
            }
            JsonNode request = exchange.get("request");
            TestHttp.Response response = request == null || request.isNull()
                    ? server.http().send(method, path, "application/json", null)
                    : server.http().send(method, path, "application/json", request.toString().replace("{receiver}", receiver));
            JsonNode expected = exchange.get("response");
            JsonNode actual = response.json();
            if (expected.has("webhook") && actual.has("webhook") && method.equals("POST")) {
                ids.put(expected.at("/webhook/webhook_id").asText(), actual.at("/webhook/webhook_id").asText());
            }
            if (KNOWN_DIFFERENCES.contains(String.valueOf(request))) {
                continue;
            }
            String want = exchange.get("status").asInt() + " " + projection(expected, receiver);
            for (Map.Entry<String, String> id : ids.entrySet()) {
                want = want.replace(id.getKey(), id.getValue());
            }
            String got = response.status() + " " + projection(actual, receiver);
            if (!matches(want, got)) {
                differences.add(method + " " + exchange.get("path").asText() + ":\n  MLflow  " + want + "\n  mlforge " + got);
            }
        }
        return differences;
    }

    /**
     * Replays the MLflow client's create, update and test_webhook requests ({@code mlflow3_client_test_webhook.json})
     * and compares what the client reads: the webhook's status, and a test result's success and response status.
     */
    static List<String> clientTestDifferences(ApplicationExtension server, String receiver) {
        List<String> differences = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        for (JsonNode exchange : fixture("mlflow3_client_test_webhook.json").get("exchanges")) {
            String path = exchange.get("path").asText();
            for (Map.Entry<String, String> id : ids.entrySet()) {
                path = path.replace(id.getKey(), id.getValue());
            }
            TestHttp.Response response = server.http().send(exchange.get("method").asText(), path, "application/json",
                    exchange.get("request").toString().replace("{receiver}", receiver));
            JsonNode reads = exchange.get("client_reads");
            JsonNode answer = response.json();
            String want = exchange.get("status").asInt() + " " + (reads.isTextual() ? reads.asText()
                    : reads.has("error_code") ? reads.get("error_code").asText()
                    : reads.get("success").asBoolean() + "/" + reads.get("response_status").asInt() + "/" + reads.has("response_body"));
            String got = response.status() + " " + (answer.has("webhook") ? answer.at("/webhook/status").asText()
                    : answer.has("error_code") ? answer.get("error_code").asText()
                    : answer.at("/result/success").asBoolean() + "/" + answer.at("/result/response_status").asInt() + "/"
                            + answer.path("result").has("response_body"));
            if (answer.has("webhook") && exchange.get("method").asText().equals("POST")) {
                ids.put(mlflowIdOf(exchange), answer.at("/webhook/webhook_id").asText());
            }
            if (!want.equals(got)) {
                differences.add(exchange.get("method").asText() + " " + exchange.get("path").asText() + ": client read " + want
                        + ", mlforge gave " + got);
            }
        }
        return differences;
    }

    /** The id MLflow's client later used for the webhook a create made: the create's name decides it. */
    private static String mlflowIdOf(JsonNode create) {
        return CLIENT_IDS.get(create.at("/request/name").asText());
    }

    /** The webhook ids of the recorded client session, by name. */
    private static final Map<String, String> CLIENT_IDS = Map.of(
            "wh-one", "eb7919b9-cba6-47dd-b1f0-ceb306109f2f", "wh.two", "7909fbe4-1207-4099-99dd-8393523d8d10");

    /**
     * Requests whose answers differ on purpose, the same on every mlforge route: an integer where a string is expected
     * is read as its text (MLflow refuses it).
     */
    private static final java.util.Set<String> KNOWN_DIFFERENCES = java.util.Set.of(
            "{\"name\":5,\"url\":\"{receiver}\",\"events\":[{\"entity\":\"REGISTERED_MODEL\",\"action\":\"CREATED\"}]}");

    /**
     * mlforge's error messages may go on after MLflow's (a page token error names the token), and word the end of a
     * type error its own way (MLflow's {@code Hint: Value was of type 'str'}; every mlforge route says what it expected).
     */
    private static boolean matches(String want, String got) {
        int hint = want.indexOf(" Hint: ");
        String prefix = hint >= 0 ? want.substring(0, hint) : want.endsWith("\"}") ? want.substring(0, want.length() - 2) : want;
        return want.equals(got) || got.startsWith(prefix);
    }

    private static String projection(JsonNode body, String receiver) {
        if (body.has("error_code")) {
            return "{\"error_code\":\"" + body.get("error_code").asText() + "\",\"message\":\"" + body.get("message").asText() + "\"}";
        }
        JsonNode copy;
        try {
            copy = Json.mapper().readTree(body.toString().replace("{receiver}", receiver));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reduce(copy);
        return copy.toString();
    }

    private static void reduce(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                switch (field.getKey()) {
                    case "webhook_id" -> field.setValue(Json.mapper().getNodeFactory().textNode("<id>"));
                    case "creation_timestamp", "last_updated_timestamp" ->
                            field.setValue(Json.mapper().getNodeFactory().textNode(field.getValue().isIntegralNumber() ? "<ms>" : "?"));
                    default -> reduce(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(MlflowWebhookGolden::reduce);
        }
    }
}
