package dev.mlforge.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ingest's own protobuf reader against protobuf-java's parser: the same rows from the same request, each span's
 * stored bytes parsing back into the span that was sent, and the same bodies refused.
 */
class OtlpSpanReaderTest {

    @Test
    void reads_the_rows_protobufs_own_parser_gives_and_keeps_each_span_as_sent() throws Exception {
        ExportTraceServiceRequest request = request();
        List<SpanRow> rows = OtlpSpanReader.read(request.toByteArray());

        List<Span> sent = new ArrayList<>();
        request.getResourceSpansList().forEach(resource -> resource.getScopeSpansList()
                .forEach(scope -> sent.addAll(scope.getSpansList())));
        assertThat(rows).hasSize(sent.size()).hasSize(7);
        for (int i = 0; i < sent.size(); i++) {
            Span span = sent.get(i);
            SpanRow expected = OtlpSpans.row(span);
            SpanRow row = rows.get(i);
            assertThat(Span.parseFrom(row.content())).as("stored bytes of span %d", i).isEqualTo(span);
            assertThat(Arrays.asList(row.traceId(), row.spanId(), row.parentSpanId(), row.name(), row.type(), row.status(),
                    row.startTimeNs(), row.endTimeNs())).as("columns of span %d", i).isEqualTo(Arrays.asList(expected.traceId(),
                    expected.spanId(), expected.parentSpanId(), expected.name(), expected.type(), expected.status(),
                    expected.startTimeNs(), expected.endTimeNs()));
            // Previews come from root spans only: the reader decodes no other span's payloads.
            assertThat(row.inputs()).isEqualTo(row.isRoot() ? expected.inputs() : null);
            assertThat(row.outputs()).isEqualTo(row.isRoot() ? expected.outputs() : null);
        }
        assertThat(rows.get(0).traceId()).isEqualTo("tr-quoted");
        assertThat(rows.get(0).inputs()).isEqualTo("{\"question\": \"why?\", \"n\": [1, 2.5, true, null]}");
        assertThat(rows.get(0).outputs()).isEqualTo("Paris");
        assertThat(rows.get(3).traceId()).isEqualTo("tr-0000000000000000000000000000000b");
        assertThat(rows.get(4).traceId()).isEqualTo("42");
        assertThat(rows.get(5).inputs()).isEqualTo("null");
        assertThat(rows.get(6).type()).isEqualTo("CHAIN \"x\"");
    }

    @Test
    void writes_ids_of_every_byte_value_in_lower_case_hex_as_hex_format_does() {
        byte[] traceId = new byte[16];
        byte[] spanId = new byte[8];
        byte[] parentId = new byte[8];
        for (int i = 0; i < 16; i++) {
            traceId[i] = (byte) (i * 17 + 0x80); // 0x80, 0x91, ... 0x7f: high and low nibbles of both signs
        }
        for (int i = 0; i < 8; i++) {
            spanId[i] = (byte) (0xff - i * 33);
            parentId[i] = (byte) (i * 35);
        }
        Span span = span(1, 1, 0).setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(spanId))
                .setParentSpanId(ByteString.copyFrom(parentId)).build();
        SpanRow row = OtlpSpanReader.read(wrap(span).toByteArray()).get(0);
        java.util.HexFormat hex = java.util.HexFormat.of();
        assertThat(row.traceId()).isEqualTo("tr-" + hex.formatHex(traceId)).isEqualTo(OtlpSpans.row(span).traceId());
        assertThat(row.spanId()).isEqualTo(hex.formatHex(spanId)).isEqualTo("ffdebd9c7b5a3918");
        assertThat(row.parentSpanId()).isEqualTo(hex.formatHex(parentId));
    }

    @Test
    void previews_quote_keys_and_strings_as_pythons_json_dumps_does_escaped_or_plain() {
        AnyValue inputs = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(KeyValue.newBuilder().setKey("question").setValue(AnyValue.newBuilder().setStringValue("capital of France?")))
                .addValues(KeyValue.newBuilder().setKey("say \"hi\"").setValue(AnyValue.newBuilder().setStringValue("a\\b\nc")))
                .addValues(KeyValue.newBuilder().setKey("n").setValue(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setIntValue(1)).addValues(AnyValue.newBuilder().setStringValue("x\ty")))))).build();
        assertThat(OtlpSpans.pythonJson(inputs))
                .isEqualTo("{\"question\": \"capital of France?\", \"say \\\"hi\\\"\": \"a\\\\b\\nc\", \"n\": [1, \"x\\ty\"]}");
    }

    @Test
    void refuses_what_protobufs_parser_refuses() {
        byte[] body = request().toByteArray();
        assertRefused(Arrays.copyOf(body, body.length - 3));
        assertRefused(new byte[]{0x0a, 0x7f, 0x01});
        assertRefused(new byte[]{(byte) 0x80});

        // An event attribute's string made invalid UTF-8 after serializing (protobuf's builders refuse to write one).
        Span badEvent = span(1, 1, 0).addEvents(Span.Event.newBuilder().setName("e").addAttributes(string("k", "#@"))).build();
        byte[] invalidUtf8 = wrap(badEvent).toByteArray();
        String text = new String(invalidUtf8, java.nio.charset.StandardCharsets.ISO_8859_1);
        invalidUtf8[text.indexOf("#@")] = (byte) 0xc3;
        invalidUtf8[text.indexOf("#@") + 1] = 0x28;
        assertThatThrownBy(() -> ExportTraceServiceRequest.parseFrom(invalidUtf8)).isInstanceOf(InvalidProtocolBufferException.class);
        assertRefused(invalidUtf8);

        Span shortId = span(1, 1, 0).setSpanId(ByteString.copyFrom(new byte[4])).build();
        assertThatThrownBy(() -> OtlpSpanReader.read(wrap(shortId).toByteArray())).isInstanceOf(MlforgeException.class)
                .hasMessageContaining("trace_id must have 16 bytes and span_id 8");
    }

    private static void assertRefused(byte[] body) {
        assertThatThrownBy(() -> OtlpSpanReader.read(body)).isInstanceOfSatisfying(MlforgeException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining("Invalid OTLP protobuf body");
    }

    /** Two resources, several scopes, every span field set somewhere, and MLflow's attributes in each form they come. */
    private static ExportTraceServiceRequest request() {
        Span root = span(1, 1, 0).setTraceState("k=v").setFlags(257).setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .addAttributes(string("mlflow.traceRequestId", "\"tr-quoted\""))
                .addAttributes(string("mlflow.spanType", "\"AGENT\""))
                .addAttributes(KeyValue.newBuilder().setKey("mlflow.spanInputs").setValue(AnyValue.newBuilder()
                        .setKvlistValue(KeyValueList.newBuilder().addValues(string("question", "why?"))
                                .addValues(KeyValue.newBuilder().setKey("n").setValue(AnyValue.newBuilder()
                                        .setArrayValue(ArrayValue.newBuilder()
                                                .addValues(AnyValue.newBuilder().setIntValue(1))
                                                .addValues(AnyValue.newBuilder().setDoubleValue(2.5))
                                                .addValues(AnyValue.newBuilder().setBoolValue(true))
                                                .addValues(AnyValue.getDefaultInstance())))))))
                .addAttributes(string("mlflow.spanOutputs", "Paris"))
                .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(5)
                        .addAttributes(string("exception.message", "héllo")))
                .addLinks(Span.Link.newBuilder().setTraceId(ByteString.copyFrom(new byte[16])).setSpanId(ByteString.copyFrom(new byte[8]))
                        .setTraceState("a=b").addAttributes(string("l", "x")))
                .setDroppedAttributesCount(2)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom")).build();
        Span child = span(1, 2, 1).addAttributes(string("mlflow.traceRequestId", "\"tr-quoted\""))
                .addAttributes(string("mlflow.spanType", "\"LLM\""))
                .addAttributes(KeyValue.newBuilder().setKey("mlflow.spanInputs").setValue(AnyValue.newBuilder().setStringValue("{}")))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK)).build();
        Span sibling = span(1, 3, 1).addAttributes(string("mlflow.traceRequestId", "\"tr-quoted\""))
                .addAttributes(string("mlflow.spanType", "\"LLM\"")).build();
        Span plainOtel = span(11, 1, 0).setEndTimeUnixNano(0).addAttributes(string("service", "x")).build();
        Span intTraceId = span(12, 1, 0).addAttributes(KeyValue.newBuilder().setKey("mlflow.traceRequestId")
                .setValue(AnyValue.newBuilder().setIntValue(42))).build();
        Span inputsWithoutValue = span(13, 1, 0).addAttributes(KeyValue.newBuilder().setKey("mlflow.spanInputs")).build();
        Span escapedType = span(14, 1, 0).addAttributes(string("mlflow.spanType", "\"CHAIN \\\"x\\\"\"")).build();
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(string("service.name", "svc")))
                        .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("mlflow"))
                                .addSpans(root).addSpans(child))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(sibling).setSchemaUrl("https://schema")))
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                        .addSpans(plainOtel).addSpans(intTraceId).addSpans(inputsWithoutValue).addSpans(escapedType)))
                .build();
    }

    private static Span.Builder span(int trace, int spanId, int parent) {
        Span.Builder span = Span.newBuilder().setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(8, trace).array()))
                .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(spanId).array()))
                .setName("span-" + trace + "-" + spanId).setStartTimeUnixNano(1_700_000_000_000_000_000L + spanId)
                .setEndTimeUnixNano(1_700_000_000_500_000_000L);
        if (parent != 0) {
            span.setParentSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(parent).array()));
        }
        return span;
    }

    private static ExportTraceServiceRequest wrap(Span span) {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))).build();
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
