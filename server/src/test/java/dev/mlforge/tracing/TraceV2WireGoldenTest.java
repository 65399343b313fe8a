package dev.mlforge.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.api.tracing.BatchGetTraceInfosResponse;
import dev.mlforge.api.tracing.SearchTracesV2Response;
import dev.mlforge.api.tracing.TraceInfoV2Response;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.GoldenText;
import dev.mlforge.testing.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The answers of MLflow 2's trace routes (start, end, get info, search) and of MLflow 3's {@code batchGetInfos}, as the
 * running server writes them, compared character for character with the golden files under
 * {@code src/test/resources/golden/traces/}. The client sets every time; only the generated trace ids are replaced.
 * Each body also reads into its api-model record and writes back unchanged.
 */
class TraceV2WireGoldenTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    private final GoldenText golden = new GoldenText().pattern("tr-[0-9a-f]{32}", "trace_id");

    @Test
    void starting_ending_reading_and_searching_v2_traces_answer_the_golden_bodies() {
        TestHttp http = server.http();
        String experimentId = http.post("/api/2.0/mlflow/experiments/create", Map.of("name", "v2-golden")).ok().json()
                .get("experiment_id").asText();
        String first = start(experimentId, 1_700_000_000_000L, "run-1");
        start(experimentId, 1_700_000_001_000L, "run-2");

        TestHttp.Response started = http.post("/api/2.0/mlflow/traces", Map.of("experiment_id", experimentId,
                "timestamp_ms", 1_700_000_002_000L, "request_metadata", List.of(Map.of("key", "mlflow.sourceRun", "value", "run-3")),
                "tags", List.of(Map.of("key", "team", "value", "risk"), Map.of("key", "stage", "value", "dev")))).ok();
        golden.assertMatches("traces/v2_start_trace.json", started.body());

        TestHttp.Response ended = http.patch("/api/2.0/mlflow/traces/" + first, Map.of("timestamp_ms", 1_700_000_000_750L,
                "status", "OK", "request_metadata", List.of(Map.of("key", "mlflow.traceOutputs", "value", "42")),
                "tags", List.of(Map.of("key", "mlflow.traceName", "value", "predict")))).ok();
        golden.assertMatches("traces/v2_end_trace.json", ended.body());
        golden.assertMatches("traces/v2_get_trace_info.json", http.get("/api/2.0/mlflow/traces/" + first + "/info").ok().body());
        golden.assertMatches("traces/v2_get_trace_info.json",
                http.get("/ajax-api/2.0/mlflow/traces/" + first + "/info").ok().body());

        TestHttp.Response firstPage = http.get("/api/2.0/mlflow/traces?experiment_ids=" + experimentId + "&max_results=2"
                + "&order_by=timestamp_ms%20ASC").ok();
        String page = firstPage.body();
        golden.assertMatches("traces/v2_search_traces_page.json", page);
        String token = firstPage.json().get("next_page_token").asText();
        golden.assertMatches("traces/v2_search_traces_last.json", http.get("/api/2.0/mlflow/traces?experiment_ids="
                + experimentId + "&max_results=2&order_by=timestamp_ms%20ASC&page_token=" + token).ok().body());
        String empty = http.get("/api/2.0/mlflow/traces?experiment_ids=0").ok().body();
        golden.assertMatches("traces/v2_search_traces_empty.json", empty);

        GoldenText.assertReadsBack(started.body(), TraceInfoV2Response.class);
        assertThat(GoldenText.assertReadsBack(ended.body(), TraceInfoV2Response.class).traceInfo().executionTimeMs())
                .isEqualTo(750L);
        assertThat(GoldenText.assertReadsBack(page, SearchTracesV2Response.class).nextPageToken()).isEqualTo(token);
        assertThat(GoldenText.assertReadsBack(empty, SearchTracesV2Response.class).traces()).isEmpty();
    }

    @Test
    void batch_get_infos_answers_the_v3_infos_of_the_traces_found() {
        TestHttp http = server.http();
        String experimentId = http.post("/api/2.0/mlflow/experiments/create", Map.of("name", "infos-golden")).ok().json()
                .get("experiment_id").asText();
        String first = start(experimentId, 1_700_000_000_000L, "run-1");
        String second = start(experimentId, 1_700_000_001_000L, "run-2");
        http.patch("/api/2.0/mlflow/traces/" + first, Map.of("timestamp_ms", 1_700_000_000_250L, "status", "OK")).ok();

        TestHttp.Response infos = http.post("/api/3.0/mlflow/traces/batchGetInfos",
                Map.of("trace_ids", List.of(first, second))).ok();
        golden.assertMatches("traces/v3_batch_get_trace_infos.json", infos.body());
        golden.assertMatches("traces/v3_batch_get_trace_infos.json", http.post("/ajax-api/3.0/mlflow/traces/batchGetInfos",
                Map.of("trace_ids", List.of(first, second))).ok().body());
        golden.assertMatches("traces/v3_batch_get_trace_infos_none.json", http.post("/api/3.0/mlflow/traces/batchGetInfos",
                Map.of("trace_ids", List.of("tr-missing"))).ok().body());
        assertThat(GoldenText.assertReadsBack(infos.body(), BatchGetTraceInfosResponse.class).traceInfos())
                .extracting(info -> info.traceId()).containsExactly(first, second);
    }

    /** Starts a trace at {@code timestampMs} whose source run is {@code run}; answers its request id. */
    private String start(String experimentId, long timestampMs, String run) {
        return server.http().post("/api/2.0/mlflow/traces", Map.of("experiment_id", experimentId,
                "timestamp_ms", timestampMs, "request_metadata", List.of(Map.of("key", "mlflow.sourceRun", "value", run)))).ok()
                .json().at("/trace_info/request_id").asText();
    }
}
