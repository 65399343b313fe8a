package dev.mlforge.tracing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.mlforge.http.Json;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * Stored spans as the JSON array MLflow's server answers in {@code traces/get} and {@code batchGet}: OpenTelemetry
 * spans with proto field names, ids in base64, int64 values as numbers, enums by name, defaults left out.
 */
final class SpanJson {
    private SpanJson() {}

    static String array(List<byte[]> spans) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
            json.writeStartArray();
            for (byte[] content : spans) {
                write(Span.parseFrom(content), json);
            }
            json.writeEndArray();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("A stored span does not parse", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(Span span, JsonGenerator json) throws IOException {
        json.writeStartObject();
        bytes(json, "trace_id", span.getTraceId());
        bytes(json, "span_id", span.getSpanId());
        if (!span.getTraceState().isEmpty()) {
            json.writeStringField("trace_state", span.getTraceState());
        }
        bytes(json, "parent_span_id", span.getParentSpanId());
        if (span.getFlags() != 0) {
            json.writeNumberField("flags", span.getFlags());
        }
        if (!span.getName().isEmpty()) {
            json.writeStringField("name", span.getName());
        }
        if (span.getKindValue() != 0) {
            json.writeStringField("kind", span.getKind().name());
        }
        if (span.getStartTimeUnixNano() != 0) {
            json.writeNumberField("start_time_unix_nano", span.getStartTimeUnixNano());
        }
        if (span.getEndTimeUnixNano() != 0) {
            json.writeNumberField("end_time_unix_nano", span.getEndTimeUnixNano());
        }
        attributes(json, span.getAttributesList());
        if (span.getDroppedAttributesCount() != 0) {
            json.writeNumberField("dropped_attributes_count", span.getDroppedAttributesCount());
        }
        if (span.getEventsCount() > 0) {
            json.writeArrayFieldStart("events");
            for (Span.Event event : span.getEventsList()) {
                json.writeStartObject();
                if (event.getTimeUnixNano() != 0) {
                    json.writeNumberField("time_unix_nano", event.getTimeUnixNano());
                }
                if (!event.getName().isEmpty()) {
                    json.writeStringField("name", event.getName());
                }
                attributes(json, event.getAttributesList());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (span.hasStatus() && (span.getStatus().getCodeValue() != 0 || !span.getStatus().getMessage().isEmpty())) {
            json.writeObjectFieldStart("status");
            if (!span.getStatus().getMessage().isEmpty()) {
                json.writeStringField("message", span.getStatus().getMessage());
            }
            if (span.getStatus().getCodeValue() != 0) {
                json.writeStringField("code", span.getStatus().getCode().name());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void bytes(JsonGenerator json, String name, ByteString value) throws IOException {
        if (!value.isEmpty()) {
            json.writeStringField(name, Base64.getEncoder().encodeToString(value.toByteArray()));
        }
    }

    private static void attributes(JsonGenerator json, List<KeyValue> attributes) throws IOException {
        if (attributes.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart("attributes");
        for (KeyValue attribute : attributes) {
            keyValue(json, attribute);
        }
        json.writeEndArray();
    }

    private static void keyValue(JsonGenerator json, KeyValue attribute) throws IOException {
        json.writeStartObject();
        json.writeStringField("key", attribute.getKey());
        json.writeFieldName("value");
        value(json, attribute.getValue());
        json.writeEndObject();
    }

    private static void value(JsonGenerator json, AnyValue value) throws IOException {
        json.writeStartObject();
        switch (value.getValueCase()) {
            case STRING_VALUE -> json.writeStringField("string_value", value.getStringValue());
            case BOOL_VALUE -> json.writeBooleanField("bool_value", value.getBoolValue());
            case INT_VALUE -> json.writeNumberField("int_value", value.getIntValue());
            case DOUBLE_VALUE -> json.writeNumberField("double_value", value.getDoubleValue());
            case BYTES_VALUE -> bytes(json, "bytes_value", value.getBytesValue());
            case ARRAY_VALUE -> {
                json.writeObjectFieldStart("array_value");
                json.writeArrayFieldStart("values");
                for (AnyValue element : value.getArrayValue().getValuesList()) {
                    value(json, element);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            case KVLIST_VALUE -> {
                json.writeObjectFieldStart("kvlist_value");
                json.writeArrayFieldStart("values");
                for (KeyValue element : value.getKvlistValue().getValuesList()) {
                    keyValue(json, element);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            default -> { }
        }
        json.writeEndObject();
    }
}
