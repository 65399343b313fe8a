package dev.mlforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spans exported over OTLP/HTTP survive the server being killed with SIGKILL in the middle of concurrent exports. The
 * rule: an export answered 200 was committed before its answer, so all of its spans are readable after a restart,
 * through get_trace and search_traces, with their attributes as sent; an export that was not answered (in flight at
 * the kill) is one transaction, so either all of its spans are there or none of them (no trace of it is half there).
 */
class SpanCrashDurabilityTest {
    private static final int CLIENTS = 4;
    private static final int TRACES_PER_EXPORT = 10;
    private static final int SPANS_PER_TRACE = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dataDir;

    /** Outcome of one export: acknowledged (200) or sent without an answer. */
    private enum Outcome { ACKNOWLEDGED, UNANSWERED }

    @Test
    void acknowledged_span_exports_survive_kill_9_and_unanswered_ones_are_all_or_nothing() throws Exception {
        String experimentId;
        Map<Integer, Outcome> exports = new ConcurrentHashMap<>();
        AtomicIntegerArray acknowledged = new AtomicIntegerArray(CLIENTS);
        try (ServerProcess server = new ServerProcess(dataDir).start()) {
            MlflowHttp api = new MlflowHttp(server.baseUrl());
            experimentId = api.post("experiments/create", "{\"name\":\"span-durability\"}").get("experiment_id").asText();
            HttpClient http = HttpClient.newHttpClient();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> futures = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int id = client;
                futures.add(clients.submit(() -> {
                    for (int batch = 0; ; batch++) {
                        int export = id * 1_000_000 + batch;
                        exports.put(export, Outcome.UNANSWERED);
                        try {
                            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/traces"))
                                    .header("Content-Type", "application/x-protobuf").header("x-mlflow-experiment-id", experimentId)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(export))).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                        } catch (java.io.IOException serverGone) {
                            return null;
                        }
                        exports.put(export, Outcome.ACKNOWLEDGED);
                        acknowledged.incrementAndGet(id);
                    }
                }));
            }
            awaitEveryClientAcknowledged(acknowledged, 10);
            server.kill9();
            for (Future<?> future : futures) {
                future.get();
            }
            clients.shutdown();
        }
        for (int client = 0; client < CLIENTS; client++) {
            assertThat(acknowledged.get(client)).as("client %d got acknowledgements before the kill", client).isGreaterThanOrEqualTo(10);
        }

        try (ServerProcess restarted = new ServerProcess(dataDir).start()) {
            Set<String> searched = searchAll(restarted.baseUrl(), experimentId);
            for (Map.Entry<Integer, Outcome> export : exports.entrySet()) {
                int present = 0;
                for (int trace = 0; trace < TRACES_PER_EXPORT; trace++) {
                    String traceId = mlflowTraceId(export.getKey(), trace);
                    JsonNode stored = getTrace(restarted.baseUrl(), traceId);
                    if (stored == null) {
                        assertThat(export.getValue()).as("acknowledged trace %s is readable", traceId).isEqualTo(Outcome.UNANSWERED);
                        assertThat(searched).as("search shows no trace that get_trace does not find").doesNotContain(traceId);
                        continue;
                    }
                    present++;
                    assertIntact(stored, export.getKey(), trace);
                    assertThat(searched).as("search_traces finds stored trace %s", traceId).contains(traceId);
                }
                assertThat(present).as("export %d (%s) is stored whole or not at all", export.getKey(), export.getValue())
                        .isIn(0, TRACES_PER_EXPORT);
            }
        }
    }

    /** Kills only once exports are in full flow; how long that takes depends on the machine, not on the property tested. */
    private static void awaitEveryClientAcknowledged(AtomicIntegerArray acknowledged, int exports) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (int client = 0; client < CLIENTS; client++) {
                all &= acknowledged.get(client) >= exports;
            }
            if (all) {
                return;
            }
            Thread.sleep(20);
        }
    }

    /** Every span of the trace, with the attributes it was sent with. */
    private static void assertIntact(JsonNode trace, int export, int traceIndex) {
        String traceId = mlflowTraceId(export, traceIndex);
        assertThat(trace.at("/trace_info/trace_id").asText()).isEqualTo(traceId);
        assertThat(trace.at("/trace_info/state").asText()).as("the root span completed trace %s", traceId).isEqualTo("OK");
        JsonNode spans = trace.get("spans");
        assertThat(spans).as("spans of trace %s", traceId).hasSize(SPANS_PER_TRACE);
        Set<Long> sequences = new HashSet<>();
        for (JsonNode span : spans) {
            Map<String, JsonNode> attributes = new HashMap<>();
            span.get("attributes").forEach(attribute -> attributes.put(attribute.get("key").asText(), attribute.get("value")));
            long sequence = attributes.get("test.sequence").get("int_value").asLong();
            int spanIndex = (int) (sequence % SPANS_PER_TRACE);
            assertThat(sequence / SPANS_PER_TRACE).isEqualTo((long) export * TRACES_PER_EXPORT + traceIndex);
            assertThat(span.get("name").asText()).isEqualTo(spanIndex == 0 ? "root" : "step-" + spanIndex);
            assertThat(attributes.get("mlflow.traceRequestId").get("string_value").asText()).isEqualTo("\"" + traceId + "\"");
            assertThat(attributes.get("mlflow.spanInputs").get("string_value").asText())
                    .isEqualTo(inputs(export, traceIndex, spanIndex));
            sequences.add(sequence);
        }
        assertThat(sequences).hasSize(SPANS_PER_TRACE);
    }

    /** The trace's JSON from get_trace, or null when the trace does not exist. */
    private static JsonNode getTrace(String baseUrl, String traceId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl
                + "/api/3.0/mlflow/traces/get?trace_id=" + traceId)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            assertThat(JSON.readTree(response.body()).get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
            return null;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("trace");
    }

    /** Every trace id search_traces lists for the experiment, page by page. */
    private static Set<String> searchAll(String baseUrl, String experimentId) throws Exception {
        Set<String> ids = new HashSet<>();
        HttpClient http = HttpClient.newHttpClient();
        String token = null;
        do {
            String body = "{\"locations\":[{\"type\":\"MLFLOW_EXPERIMENT\",\"mlflow_experiment\":{\"experiment_id\":\""
                    + experimentId + "\"}}],\"max_results\":500" + (token == null ? "" : ",\"page_token\":\"" + token + "\"") + "}";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/3.0/mlflow/traces/search"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(response.body());
            if (page.has("traces")) {
                page.get("traces").forEach(trace -> ids.add(trace.get("trace_id").asText()));
            }
            token = page.hasNonNull("next_page_token") && !page.get("next_page_token").asText().isEmpty()
                    ? page.get("next_page_token").asText() : null;
        } while (token != null);
        return ids;
    }

    /** One export: 10 traces of a root span and 9 children, MLflow's attributes and a sequence number on each. */
    private static byte[] body(int export) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int trace = 0; trace < TRACES_PER_EXPORT; trace++) {
            long start = 1_700_000_000_000_000_000L + (long) export * 1_000_000_000L;
            for (int span = 0; span < SPANS_PER_TRACE; span++) {
                Span.Builder builder = Span.newBuilder().setTraceId(ByteString.copyFrom(otelTraceId(export, trace)))
                        .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(span + 1).array()))
                        .setName(span == 0 ? "root" : "step-" + span)
                        .setStartTimeUnixNano(start + span * 1_000L).setEndTimeUnixNano(start + 1_000_000L - span * 1_000L)
                        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
                        .addAttributes(string("mlflow.traceRequestId", "\"" + mlflowTraceId(export, trace) + "\""))
                        .addAttributes(string("mlflow.spanType", span == 0 ? "\"AGENT\"" : "\"LLM\""))
                        .addAttributes(string("mlflow.spanInputs", inputs(export, trace, span)))
                        .addAttributes(KeyValue.newBuilder().setKey("test.sequence").setValue(AnyValue.newBuilder()
                                .setIntValue(((long) export * TRACES_PER_EXPORT + trace) * SPANS_PER_TRACE + span)));
                if (span > 0) {
                    builder.setParentSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(1).array()));
                }
                scope.addSpans(builder);
            }
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        request.addResourceSpansBuilder().addScopeSpans(scope);
        return request.build().toByteArray();
    }

    private static String inputs(int export, int trace, int span) {
        return "{\"export\": " + export + ", \"trace\": " + trace + ", \"span\": " + span + "}";
    }

    private static byte[] otelTraceId(int export, int trace) {
        return ByteBuffer.allocate(16).putLong(0xd0_0ab1eL).putInt(export).putInt(trace).array();
    }

    private static String mlflowTraceId(int export, int trace) {
        return "tr-" + HEX.formatHex(otelTraceId(export, trace));
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
