package dev.mlforge.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.mlforge.testing.ApplicationExtension;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OTLP/gRPC span export over a real gRPC channel: the spans become traces the MLflow routes read, as OTLP/HTTP's do. */
class OtlpGrpcTest {
    private static final Metadata.Key<String> EXPERIMENT = Metadata.Key.of("x-mlflow-experiment-id", Metadata.ASCII_STRING_MARSHALLER);

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.application().grpcPort()).usePlaintext().build();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private TraceServiceGrpc.TraceServiceBlockingStub exporter(String experimentId) {
        Metadata metadata = new Metadata();
        if (experimentId != null) {
            metadata.put(EXPERIMENT, experimentId);
        }
        return TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
    }

    /** One trace of a root span and a child, as an OpenTelemetry SDK's gRPC exporter sends it. */
    private static ExportTraceServiceRequest trace(String otelTraceId, long startNanos) {
        ByteString traceId = ByteString.copyFrom(HexFormat.of().parseHex(otelTraceId));
        Span root = Span.newBuilder().setTraceId(traceId).setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("00000000000000a1")))
                .setName("root").setStartTimeUnixNano(startNanos).setEndTimeUnixNano(startNanos + 400_000_000L)
                .setStatus(io.opentelemetry.proto.trace.v1.Status.newBuilder()
                        .setCode(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_OK)).build();
        Span child = root.toBuilder().setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("00000000000000b2")))
                .setParentSpanId(root.getSpanId()).setName("child").setStartTimeUnixNano(startNanos + 100_000_000L)
                .setEndTimeUnixNano(startNanos + 300_000_000L).build();
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(root).addSpans(child))).build();
    }

    @Test
    void exported_spans_become_a_trace_that_get_trace_and_search_see() {
        String experimentId = server.http().post("/api/2.0/mlflow/experiments/create", Map.of("name", "otlp-grpc")).ok().json()
                .get("experiment_id").asText();
        String otelTraceId = "0123456789abcdef0123456789abcdef";

        exporter(experimentId).export(trace(otelTraceId, 1_700_000_000_000_000_000L));

        JsonNode trace = server.http().get("/api/3.0/mlflow/traces/get?trace_id=tr-" + otelTraceId).ok().json().get("trace");
        assertThat(trace.at("/trace_info/state").asText()).isEqualTo("OK");
        assertThat(trace.at("/trace_info/execution_duration").asText()).isEqualTo("0.400s");
        assertThat(trace.at("/trace_info/trace_location/mlflow_experiment/experiment_id").asText()).isEqualTo(experimentId);
        assertThat(trace.get("spans").findValuesAsText("name")).containsExactly("root", "child");
        JsonNode found = server.http().post("/api/3.0/mlflow/traces/search", Map.of("locations", java.util.List.of(Map.of(
                "type", "MLFLOW_EXPERIMENT", "mlflow_experiment", Map.of("experiment_id", experimentId))))).ok().json();
        assertThat(found.get("traces")).hasSize(1);
    }

    @Test
    void an_export_without_an_existing_experiment_gets_the_status_that_says_so() {
        assertThatThrownBy(() -> exporter(null).export(trace("00000000000000000000000000000001", 1)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("x-mlflow-experiment-id");
                });
        assertThatThrownBy(() -> exporter("987654").export(trace("00000000000000000000000000000002", 1)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));

        // an export changes state: each call is in the audit trail with the HTTP status of its gRPC code
        JsonNode records = server.http().get("/api/v1/audit?action=POST%20/opentelemetry.proto.collector.trace.v1.TraceService/Export")
                .json(200).path("records");
        assertThat(records.findValuesAsText("status")).containsExactlyInAnyOrder("400", "404");
        assertThat(records.findValuesAsText("error_code")).containsExactlyInAnyOrder("INVALID_PARAMETER_VALUE", "RESOURCE_DOES_NOT_EXIST");
    }
}
