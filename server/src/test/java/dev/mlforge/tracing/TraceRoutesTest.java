package dev.mlforge.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Trace routes beyond the recorded client session: OTLP JSON ingest, the filter grammar, pages, deletes, V2, 404s. */
class TraceRoutesTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    private TestHttp http() {
        return server.http();
    }

    private String experiment(String name) {
        return http().post("/api/2.0/mlflow/experiments/create", Map.of("name", name)).ok().json().get("experiment_id").asText();
    }

    /** An OTLP JSON export of one root span per trace: hex ids, int64 as strings, as OpenTelemetry SDKs send it. */
    private static String otlpJson(List<String> otelTraceIds, long startNanos, String status) {
        StringBuilder spans = new StringBuilder();
        for (int i = 0; i < otelTraceIds.size(); i++) {
            spans.append(i == 0 ? "" : ",").append("{\"traceId\":\"").append(otelTraceIds.get(i))
                    .append("\",\"spanId\":\"").append(String.format("%016x", i + 1)).append("\",\"name\":\"root-").append(i)
                    .append("\",\"kind\":1,\"startTimeUnixNano\":\"").append(startNanos + i * 1_000_000_000L)
                    .append("\",\"endTimeUnixNano\":\"").append(startNanos + i * 1_000_000_000L + 250_000_000L)
                    .append("\",\"attributes\":[{\"key\":\"mlflow.spanInputs\",\"value\":{\"kvlistValue\":{\"values\":")
                    .append("[{\"key\":\"q\",\"value\":{\"stringValue\":\"hi\"}}]}}},{\"key\":\"n\",\"value\":{\"intValue\":\"7\"}}]")
                    .append(",\"status\":{\"code\":").append(status).append("}}");
        }
        return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"svc\"}}]},"
                + "\"scopeSpans\":[{\"spans\":[" + spans + "]}]}]}";
    }

    private static List<String> otelIds(int count, int seed) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(String.format("%08x%024x", seed, i));
        }
        return ids;
    }

    private TestHttp.Response exportJson(String experimentId, String body) {
        return http().send("POST", "/v1/traces", "application/json", body, "x-mlflow-experiment-id", experimentId);
    }

    private JsonNode search(String experimentId, String filter, Integer max, String pageToken, String... orderBy) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("locations", List.of(Map.of("type", "MLFLOW_EXPERIMENT", "mlflow_experiment", Map.of("experiment_id", experimentId))));
        if (filter != null) {
            body.put("filter", filter);
        }
        if (max != null) {
            body.put("max_results", max);
        }
        if (pageToken != null) {
            body.put("page_token", pageToken);
        }
        body.put("order_by", List.of(orderBy));
        return http().post("/api/3.0/mlflow/traces/search", body).ok().json();
    }

    @Test
    void otlp_json_spans_of_another_client_become_traces_that_get_trace_and_search_see() {
        String experimentId = experiment("otlp-json");
        List<String> ids = otelIds(3, 1);
        TestHttp.Response export = exportJson(experimentId, otlpJson(ids, 1_700_000_000_000_000_000L, "1"));
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type").orElse("")).startsWith("application/x-protobuf");

        String traceId = "tr-" + ids.get(0);
        JsonNode trace = http().get("/api/3.0/mlflow/traces/get?trace_id=" + traceId).ok().json().get("trace");
        assertThat(trace.at("/trace_info/state").asText()).isEqualTo("OK");
        assertThat(trace.at("/trace_info/request_time").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(trace.at("/trace_info/execution_duration").asText()).isEqualTo("0.250s");
        assertThat(trace.at("/trace_info/request_preview").asText()).isEqualTo("{\"q\": \"hi\"}");
        assertThat(trace.at("/trace_info/tags/mlflow.trace.spansLocation").asText()).isEqualTo("TRACKING_STORE");
        JsonNode span = trace.at("/spans/0");
        assertThat(span.get("trace_id").asText()).isEqualTo(java.util.Base64.getEncoder()
                .encodeToString(HexFormat.of().parseHex(ids.get(0))));
        assertThat(span.get("kind").asText()).isEqualTo("SPAN_KIND_INTERNAL");
        assertThat(span.get("start_time_unix_nano").isNumber()).isTrue();
        assertThat(span.at("/attributes/1/value/int_value").asLong()).isEqualTo(7);
        assertThat(span.at("/status/code").asText()).isEqualTo("STATUS_CODE_OK");

        assertThat(search(experimentId, null, null, null).get("traces")).hasSize(3);
    }

    @Test
    void spans_without_their_root_leave_the_trace_in_progress_until_the_root_arrives() {
        String experimentId = experiment("partial");
        String otelId = otelIds(1, 2).get(0);
        String child = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"" + otelId + "\",\"spanId\":\"00000000000000aa\","
                + "\"parentSpanId\":\"00000000000000bb\",\"name\":\"child\",\"startTimeUnixNano\":\"2000000000\","
                + "\"endTimeUnixNano\":\"3000000000\",\"status\":{\"code\":\"STATUS_CODE_ERROR\"}}]}]}]}";
        assertThat(exportJson(experimentId, child).status()).isEqualTo(200);
        String traceId = "tr-" + otelId;
        assertThat(http().get("/api/3.0/mlflow/traces/" + traceId).ok().json().at("/trace/trace_info/state").asText())
                .isEqualTo("IN_PROGRESS");
        String root = child.replace("\"parentSpanId\":\"00000000000000bb\",", "").replace("00000000000000aa", "00000000000000bb")
                .replace("\"child\"", "\"root\"").replace("\"2000000000\"", "\"1000000000\"").replace("\"3000000000\"", "\"5000000000\"");
        assertThat(exportJson(experimentId, root).status()).isEqualTo(200);
        JsonNode trace = http().get("/api/3.0/mlflow/traces/get?trace_id=" + traceId).ok().json().get("trace");
        assertThat(trace.at("/trace_info/state").asText()).isEqualTo("ERROR");
        assertThat(trace.at("/trace_info/execution_duration").asText()).isEqualTo("4s");
        assertThat(trace.get("spans")).extracting(node -> node.get("name").asText()).containsExactly("root", "child");
    }

    @Test
    void search_filters_by_tag_metadata_status_and_time_and_pages_in_order() {
        String experimentId = experiment("search");
        List<String> ids = otelIds(5, 3);
        exportJson(experimentId, otlpJson(ids, 1_000_000_000_000L, "1")).ok();
        for (int i = 0; i < 5; i++) {
            http().patch("/api/2.0/mlflow/traces/tr-" + ids.get(i) + "/tags", Map.of("key", "parity", "value",
                    i % 2 == 0 ? "even" : "odd")).ok();
        }
        assertThat(search(experimentId, "tag.parity = 'even'", null, null).get("traces")).hasSize(3);
        assertThat(search(experimentId, "tags.parity LIKE 'od%' AND trace.status = 'OK'", null, null).get("traces")).hasSize(2);
        assertThat(search(experimentId, "trace.timestamp_ms > 1002000", null, null).get("traces")).hasSize(2);
        assertThat(search(experimentId, "metadata.`mlflow.sourceRun` = 'r1'", null, null).get("traces")).isNull();
        assertThat(search(experimentId, "status IN ('ERROR')", null, null).get("traces")).isNull();

        JsonNode first = search(experimentId, null, 2, null, "timestamp_ms ASC");
        assertThat(first.get("traces")).extracting(node -> node.get("trace_id").asText())
                .containsExactly("tr-" + ids.get(0), "tr-" + ids.get(1));
        JsonNode second = search(experimentId, null, 2, first.get("next_page_token").asText(), "timestamp_ms ASC");
        assertThat(second.get("traces")).extracting(node -> node.get("trace_id").asText())
                .containsExactly("tr-" + ids.get(2), "tr-" + ids.get(3));
        JsonNode last = search(experimentId, null, 2, second.get("next_page_token").asText(), "timestamp_ms ASC");
        assertThat(last.get("traces")).hasSize(1);
        assertThat(last.has("next_page_token")).isFalse();
    }

    @Test
    void traces_linked_to_a_run_are_found_by_run_id_with_those_the_run_recorded() {
        String experimentId = experiment("links");
        List<String> ids = otelIds(4, 7);
        exportJson(experimentId, otlpJson(ids, 1_000_000_000_000L, "1")).ok();
        http().post("/api/3.0/mlflow/traces", Map.of("trace", Map.of("trace_info", Map.of("trace_id", "tr-" + ids.get(3),
                "trace_location", Map.of("type", "MLFLOW_EXPERIMENT", "mlflow_experiment", Map.of("experiment_id", experimentId)),
                "request_time", "2023-01-01T00:00:00Z", "state", "OK", "trace_metadata", Map.of("mlflow.sourceRun", "run-1"))))).ok();
        // The body MLflow's client sends (RestStore.link_traces_to_run): the ids, then the run; the answer is empty.
        String linked = http().post("/api/2.0/mlflow/traces/link-to-run",
                "{\"trace_ids\": [\"tr-" + ids.get(0) + "\", \"tr-" + ids.get(1) + "\"], \"run_id\": \"run-1\"}").ok().body();
        assertThat(linked).isEqualTo("{}");
        http().post("/api/2.0/mlflow/traces/link-to-run", Map.of("trace_ids", List.of("tr-" + ids.get(1)), "run_id", "run-1")).ok();

        assertThat(search(experimentId, "run_id = 'run-1'", null, null, "timestamp_ms ASC").get("traces"))
                .extracting(node -> node.get("trace_id").asText())
                .containsExactly("tr-" + ids.get(0), "tr-" + ids.get(1), "tr-" + ids.get(3));
        assertThat(search(experimentId, "run_id = 'run-2'", null, null).get("traces")).isNull();

        http().post("/api/3.0/mlflow/traces/delete-traces", Map.of("experiment_id", experimentId,
                "request_ids", List.of("tr-" + ids.get(0)))).ok();
        assertThat(search(experimentId, "run_id = 'run-1'", null, null).get("traces")).hasSize(2);
    }

    @Test
    void link_to_run_refuses_what_mlflow_refuses() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add("tr-" + i);
        }
        TestHttp.Response tooMany = http().post("/api/2.0/mlflow/traces/link-to-run", Map.of("trace_ids", many, "run_id", "r"));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).isEqualTo("{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"Cannot link more "
                + "than 100 traces to a run in a single request. Provided 101 traces.\"}");
        TestHttp.Response noRun = http().post("/api/2.0/mlflow/traces/link-to-run", Map.of("trace_ids", List.of("tr-1")));
        assertThat(noRun.status()).isEqualTo(400);
        assertThat(noRun.body()).contains("run_id");
        assertThat(http().post("/api/3.0/mlflow/traces/link-to-run", Map.of("trace_ids", List.of("tr-1"), "run_id", "r"))
                .errorCode()).isEqualTo("ENDPOINT_NOT_FOUND");
    }

    @Test
    void linked_prompt_versions_are_listed_once_each_in_the_trace_tag_mlflow_keeps() {
        String experimentId = experiment("prompts");
        String traceId = "tr-" + otelIds(1, 8).get(0);
        exportJson(experimentId, otlpJson(otelIds(1, 8), 1_000_000_000_000L, "1")).ok();
        String body = "{\"trace_id\": \"" + traceId + "\", \"prompt_versions\": [{\"name\": \"qa\", \"version\": \"1\"}]}";

        assertThat(http().post("/api/2.0/mlflow/traces/link-prompts", body).ok().body()).isEqualTo("{}");
        http().post("/api/2.0/mlflow/traces/link-prompts", Map.of("trace_id", traceId, "prompt_versions",
                List.of(Map.of("name", "qa", "version", "1"), Map.of("name", "summ\u00e9", "version", "3")))).ok();

        assertThat(http().get("/api/3.0/mlflow/traces/" + traceId).ok().json().at("/trace/trace_info/tags/mlflow.linkedPrompts")
                .asText()).isEqualTo("[{\"name\": \"qa\", \"version\": \"1\"}, {\"name\": \"summ\\u00e9\", \"version\": \"3\"}]");
        assertThat(http().post("/api/2.0/mlflow/traces/link-prompts", body.replace(traceId, "tr-missing")).errorCode())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void a_bad_filter_is_refused_with_mlflows_error_code() {
        String experimentId = experiment("bad-filter");
        TestHttp.Response refused = http().post("/api/3.0/mlflow/traces/search", Map.of("locations", List.of(Map.of("type",
                "MLFLOW_EXPERIMENT", "mlflow_experiment", Map.of("experiment_id", experimentId))), "filter", "metric.x > 1"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void delete_traces_by_timestamp_deletes_the_oldest_up_to_max_traces() {
        String experimentId = experiment("delete");
        List<String> ids = otelIds(4, 4);
        exportJson(experimentId, otlpJson(ids, 1_000_000_000_000L, "1")).ok();
        JsonNode deleted = http().post("/api/3.0/mlflow/traces/delete-traces", Map.of("experiment_id", experimentId,
                "max_timestamp_millis", 1_002_000, "max_traces", 2)).ok().json();
        assertThat(deleted.get("traces_deleted").asInt()).isEqualTo(2);
        assertThat(search(experimentId, null, null, null, "timestamp_ms ASC").get("traces"))
                .extracting(node -> node.get("trace_id").asText()).containsExactly("tr-" + ids.get(2), "tr-" + ids.get(3));
        assertThat(http().get("/api/3.0/mlflow/traces/tr-" + ids.get(0)).errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        TestHttp.Response both = http().post("/api/3.0/mlflow/traces/delete-traces", Map.of("experiment_id", experimentId,
                "max_timestamp_millis", 5, "request_ids", List.of("tr-x")));
        assertThat(both.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void the_v2_routes_start_end_and_search_traces() {
        String experimentId = experiment("v2");
        JsonNode started = http().post("/api/2.0/mlflow/traces", Map.of("experiment_id", experimentId, "timestamp_ms", 1_000,
                "request_metadata", List.of(Map.of("key", "mlflow.sourceRun", "value", "run-1")),
                "tags", List.of(Map.of("key", "k", "value", "v")))).ok().json().get("trace_info");
        String requestId = started.get("request_id").asText();
        assertThat(requestId).matches("tr-[0-9a-f]{32}");
        assertThat(started.get("status").asText()).isEqualTo("IN_PROGRESS");
        JsonNode ended = http().patch("/api/2.0/mlflow/traces/" + requestId, Map.of("timestamp_ms", 1_500, "status", "OK"))
                .ok().json().get("trace_info");
        assertThat(ended.get("execution_time_ms").asLong()).isEqualTo(500);
        assertThat(ended.get("status").asText()).isEqualTo("OK");
        assertThat(http().get("/api/2.0/mlflow/traces/" + requestId + "/info").ok().json().at("/trace_info/experiment_id").asText())
                .isEqualTo(experimentId);
        JsonNode found = http().get("/api/2.0/mlflow/traces?experiment_ids=" + experimentId
                + "&filter=" + java.net.URLEncoder.encode("trace.run_id = 'run-1'", java.nio.charset.StandardCharsets.UTF_8)).ok().json();
        assertThat(found.get("traces")).extracting(node -> node.get("request_id").asText()).containsExactly(requestId);
    }

    @Test
    void routes_not_implemented_answer_endpoint_not_found_and_a_missing_trace_resource_does_not_exist() {
        TestHttp.Response missingRoute = http().post("/api/3.0/mlflow/traces/metrics", Map.of());
        assertThat(missingRoute.status()).isEqualTo(404);
        assertThat(missingRoute.errorCode()).isEqualTo("ENDPOINT_NOT_FOUND");
        TestHttp.Response missingTrace = http().get("/api/3.0/mlflow/traces/get?trace_id=tr-0");
        assertThat(missingTrace.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void protobuf_bodies_are_taken_on_v1_traces_only_and_spans_need_an_existing_experiment() {
        TestHttp.Response elsewhere = http().send("POST", "/api/3.0/mlflow/traces/search", "application/x-protobuf", new byte[]{1, 2});
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("Content-Type must be application/json");
        TestHttp.Response noHeader = http().send("POST", "/v1/traces", "application/json", otlpJson(otelIds(1, 5), 1, "1"));
        assertThat(noHeader.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(exportJson("987654", otlpJson(otelIds(1, 6), 1, "1")).errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        TestHttp.Response garbage = http().send("POST", "/v1/traces", "application/x-protobuf", new byte[]{(byte) 0xff, 1},
                "x-mlflow-experiment-id", "0");
        assertThat(garbage.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    }
}
