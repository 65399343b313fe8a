package dev.mlforge.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.mlforge.http.MlforgeException;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One span of an OTLP JSON export into its protobuf form: ids are hex (the OTLP JSON rule), int64 values numbers or
 * strings, enums numbers or names; field names camelCase (OTLP JSON) or snake_case.
 */
final class OtlpJson {
    private OtlpJson() {}

    static Span span(JsonNode node) {
        Span.Builder span = Span.newBuilder()
                .setTraceId(id(text(node, "traceId", "trace_id"), 16, "traceId"))
                .setSpanId(id(text(node, "spanId", "span_id"), 8, "spanId"))
                .setName(orEmpty(text(node, "name", "name")))
                .setStartTimeUnixNano(int64(field(node, "startTimeUnixNano", "start_time_unix_nano")))
                .setEndTimeUnixNano(int64(field(node, "endTimeUnixNano", "end_time_unix_nano")));
        String parent = text(node, "parentSpanId", "parent_span_id");
        if (parent != null && !parent.isEmpty()) {
            span.setParentSpanId(id(parent, 8, "parentSpanId"));
        }
        String state = text(node, "traceState", "trace_state");
        if (state != null) {
            span.setTraceState(state);
        }
        JsonNode kind = field(node, "kind", "kind");
        if (kind != null) {
            span.setKindValue(kind.isNumber() ? kind.asInt() : Span.SpanKind.valueOf(kind.asText()).getNumber());
        }
        for (JsonNode attribute : elements(field(node, "attributes", "attributes"))) {
            span.addAttributes(keyValue(attribute));
        }
        for (JsonNode event : elements(field(node, "events", "events"))) {
            Span.Event.Builder builder = span.addEventsBuilder()
                    .setTimeUnixNano(int64(field(event, "timeUnixNano", "time_unix_nano")))
                    .setName(orEmpty(text(event, "name", "name")));
            for (JsonNode attribute : elements(field(event, "attributes", "attributes"))) {
                builder.addAttributes(keyValue(attribute));
            }
        }
        JsonNode status = field(node, "status", "status");
        if (status != null && status.isObject()) {
            Status.Builder builder = span.getStatusBuilder().setMessage(orEmpty(text(status, "message", "message")));
            JsonNode code = status.get("code");
            if (code != null) {
                builder.setCodeValue(code.isNumber() ? code.asInt() : Status.StatusCode.valueOf(code.asText()).getNumber());
            }
        }
        return span.build();
    }

    private static KeyValue keyValue(JsonNode node) {
        return KeyValue.newBuilder().setKey(orEmpty(text(node, "key", "key")))
                .setValue(anyValue(field(node, "value", "value"))).build();
    }

    private static AnyValue anyValue(JsonNode node) {
        AnyValue.Builder value = AnyValue.newBuilder();
        if (node == null || !node.isObject()) {
            return value.build();
        }
        JsonNode inner;
        if ((inner = field(node, "stringValue", "string_value")) != null) {
            value.setStringValue(inner.asText());
        } else if ((inner = field(node, "boolValue", "bool_value")) != null) {
            value.setBoolValue(inner.asBoolean());
        } else if ((inner = field(node, "intValue", "int_value")) != null) {
            value.setIntValue(int64(inner));
        } else if ((inner = field(node, "doubleValue", "double_value")) != null) {
            value.setDoubleValue(inner.asDouble());
        } else if ((inner = field(node, "arrayValue", "array_value")) != null) {
            ArrayValue.Builder array = ArrayValue.newBuilder();
            for (JsonNode element : elements(inner.get("values"))) {
                array.addValues(anyValue(element));
            }
            value.setArrayValue(array);
        } else if ((inner = field(node, "kvlistValue", "kvlist_value")) != null) {
            KeyValueList.Builder list = KeyValueList.newBuilder();
            for (JsonNode element : elements(inner.get("values"))) {
                list.addValues(keyValue(element));
            }
            value.setKvlistValue(list);
        } else if ((inner = field(node, "bytesValue", "bytes_value")) != null) {
            value.setBytesValue(ByteString.copyFrom(Base64.getDecoder().decode(inner.asText())));
        }
        return value.build();
    }

    private static ByteString id(String hex, int bytes, String field) {
        if (hex == null || hex.length() != bytes * 2) {
            throw MlforgeException.invalidParameter("Invalid OTLP JSON span: '" + field + "' must be " + bytes * 2 + " hex digits");
        }
        try {
            return ByteString.copyFrom(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw MlforgeException.invalidParameter("Invalid OTLP JSON span: '" + field + "' must be " + bytes * 2 + " hex digits");
        }
    }

    private static long int64(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (node.isIntegralNumber() || node.isTextual() && node.asText().matches("\\d{1,19}")) {
            return node.isTextual() ? Long.parseUnsignedLong(node.asText()) : node.asLong();
        }
        throw MlforgeException.invalidParameter("Invalid OTLP JSON span: expected an integer, got " + node);
    }

    private static Iterable<JsonNode> elements(JsonNode node) {
        return node == null || !node.isArray() ? java.util.List.of() : node;
    }

    private static JsonNode field(JsonNode node, String name, String snakeName) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull() ? value : node.get(snakeName);
    }

    private static String text(JsonNode node, String name, String snakeName) {
        JsonNode value = field(node, name, snakeName);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
