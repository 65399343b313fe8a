package dev.mlforge.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OTLP/HTTP protobuf bodies are read in one piece up to the server's request size limit, and refused beyond it. */
class OtlpBodyTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("max-request-size", "64k");

    @Test
    void a_body_within_the_limit_is_stored_whole_and_one_beyond_it_is_refused_with_413() {
        String experimentId = server.http().post("/api/2.0/mlflow/experiments/create", Map.of("name", "otlp-body")).ok()
                .json().get("experiment_id").asText();
        byte[] within = export(1, 150, 250); // ~55 KB, more than one network read
        byte[] beyond = export(2, 150, 500); // ~90 KB
        assertThat(within.length).isBetween(50_000, 64 * 1024);
        assertThat(beyond.length).isGreaterThan(64 * 1024);

        TestHttp.Response stored = server.http().send("POST", "/v1/traces", "application/x-protobuf", within,
                "x-mlflow-experiment-id", experimentId);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(server.http().get("/api/3.0/mlflow/traces/get?trace_id=tr-1").ok().json().at("/trace/spans")).hasSize(150);

        TestHttp.Response refused = server.http().send("POST", "/v1/traces", "application/x-protobuf", beyond,
                "x-mlflow-experiment-id", experimentId);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(server.http().get("/api/3.0/mlflow/traces/get?trace_id=tr-2").status()).isEqualTo(404);
    }

    /** One trace ({@code tr-<trace>}) of {@code spans} spans, each with a {@code padding}-character attribute. */
    private static byte[] export(int trace, int spans, int padding) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 1; i <= spans; i++) {
            Span.Builder span = Span.newBuilder()
                    .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(8, trace).array()))
                    .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(i).array()))
                    .setName("span-" + i).setStartTimeUnixNano(1_700_000_000_000_000_000L + i)
                    .setEndTimeUnixNano(1_700_000_001_000_000_000L)
                    .addAttributes(attribute("mlflow.traceRequestId", "\"tr-" + trace + "\""))
                    .addAttributes(attribute("padding", "x".repeat(padding)));
            if (i > 1) {
                span.setParentSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(1).array()));
            }
            scope.addSpans(span);
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
                .build().toByteArray();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
