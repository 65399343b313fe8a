package dev.mlforge.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads an OTLP/HTTP trace export ({@code ExportTraceServiceRequest}, as protobuf or as OTLP JSON, whose ids are hex)
 * into span rows. A span's MLflow trace id is its {@code mlflow.traceRequestId} attribute, as MLflow's client sets it,
 * else {@code tr-} and the OpenTelemetry trace id in hex, as MLflow's server derives it for other OpenTelemetry clients.
 */
final class OtlpSpans {
    private static final HexFormat HEX = HexFormat.of();

    private OtlpSpans() {}

    static List<SpanRow> fromProtobuf(byte[] body) {
        return OtlpSpanReader.read(body);
    }

    /** The spans of a request the gRPC transport already parsed (read again from its bytes, as HTTP's are). */
    static List<SpanRow> fromRequest(ExportTraceServiceRequest request) {
        return OtlpSpanReader.read(request.toByteArray());
    }

    static List<SpanRow> fromJson(byte[] body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("Invalid OTLP JSON body: malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw MlforgeException.invalidParameter("Invalid OTLP JSON body: expected a JSON object");
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (JsonNode resource : array(root, "resourceSpans", "resource_spans")) {
            ResourceSpans.Builder resourceSpans = request.addResourceSpansBuilder();
            for (JsonNode scope : array(resource, "scopeSpans", "scope_spans")) {
                ScopeSpans.Builder scopeSpans = resourceSpans.addScopeSpansBuilder();
                for (JsonNode span : array(scope, "spans", "spans")) {
                    scopeSpans.addSpans(OtlpJson.span(span));
                }
            }
        }
        return OtlpSpanReader.read(request.build().toByteArray());
    }

    private static Iterable<JsonNode> array(JsonNode node, String name, String snakeName) {
        JsonNode value = node.has(name) ? node.get(name) : node.get(snakeName);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw MlforgeException.invalidParameter("Invalid OTLP JSON body: '" + name + "' must be an array");
        }
        return value;
    }

    /** One stored span read back into its row (its ids in hex, its MLflow type, inputs and outputs). */
    static SpanRow row(Span span) {
        if (span.getTraceId().size() != 16 || span.getSpanId().size() != 8) {
            throw MlforgeException.invalidParameter("Invalid OTLP span '" + span.getName()
                    + "': trace_id must have 16 bytes and span_id 8");
        }
        String traceId = null;
        String type = null;
        String inputs = null;
        String outputs = null;
        for (KeyValue attribute : span.getAttributesList()) {
            switch (attribute.getKey()) {
                case "mlflow.traceRequestId" -> traceId = unquoted(attribute.getValue());
                case "mlflow.spanType" -> type = unquoted(attribute.getValue());
                case "mlflow.spanInputs" -> inputs = pythonJson(attribute.getValue());
                case "mlflow.spanOutputs" -> outputs = pythonJson(attribute.getValue());
                default -> { }
            }
        }
        if (traceId == null || traceId.isEmpty()) {
            traceId = "tr-" + hex(span.getTraceId());
        }
        String parent = span.getParentSpanId().isEmpty() ? null : hex(span.getParentSpanId());
        return new SpanRow(traceId, hex(span.getSpanId()), parent, span.getName(), type, status(span.getStatus()),
                span.getStartTimeUnixNano(), span.getEndTimeUnixNano(), span.toByteArray(), inputs, outputs);
    }

    static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }

    private static String status(Status status) {
        return switch (status.getCode()) {
            case STATUS_CODE_OK -> "OK";
            case STATUS_CODE_ERROR -> "ERROR";
            default -> "UNSET";
        };
    }

    /** A string attribute; MLflow's own spans hold JSON-encoded strings ({@code "\"LLM\""}), OTLP exports plain ones. */
    private static String unquoted(AnyValue value) {
        if (!value.hasStringValue()) {
            return value.hasIntValue() ? Long.toString(value.getIntValue()) : null;
        }
        return unquote(value.getStringValue());
    }

    /** A string attribute's text without the JSON quotes MLflow's client puts around it, when it has them. */
    static String unquote(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            if (text.indexOf('\\') < 0 && text.indexOf('"', 1) == text.length() - 1) {
                return text.substring(1, text.length() - 1); // nothing escaped: no JSON parser needed
            }
            try {
                return Json.mapper().readValue(text, String.class);
            } catch (IOException e) {
                return text;
            }
        }
        return text;
    }

    /** The value as Python's {@code json.dumps} writes it ({@code {"a": 1, "b": 2}}), as MLflow's previews are. */
    static String pythonJson(AnyValue value) {
        StringBuilder out = new StringBuilder();
        writePython(value, out, true);
        return out.toString();
    }

    private static void writePython(AnyValue value, StringBuilder out, boolean top) {
        switch (value.getValueCase()) {
            case STRING_VALUE -> {
                if (top) {
                    out.append(value.getStringValue());
                } else {
                    out.append(quoted(value.getStringValue()));
                }
            }
            case BOOL_VALUE -> out.append(value.getBoolValue() ? "true" : "false");
            case INT_VALUE -> out.append(value.getIntValue());
            case DOUBLE_VALUE -> out.append(pythonFloat(value.getDoubleValue()));
            case ARRAY_VALUE -> {
                ArrayValue array = value.getArrayValue();
                out.append('[');
                for (int i = 0; i < array.getValuesCount(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    writePython(array.getValues(i), out, false);
                }
                out.append(']');
            }
            case KVLIST_VALUE -> {
                KeyValueList list = value.getKvlistValue();
                out.append('{');
                for (int i = 0; i < list.getValuesCount(); i++) {
                    out.append(i == 0 ? "" : ", ").append(quoted(list.getValues(i).getKey())).append(": ");
                    writePython(list.getValues(i).getValue(), out, false);
                }
                out.append('}');
            }
            case BYTES_VALUE -> out.append(quoted(java.util.Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray())));
            default -> out.append("null");
        }
    }

    private static String pythonFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().scale() <= 0
                ? String.format("%.1f", value) : Double.toString(value);
    }

    /** {@code text} as a JSON string; printable ASCII without quotes or backslashes needs no escaping (nor a JSON writer). */
    private static String quoted(String text) {
        if (plainAscii(text)) {
            return '"' + text + '"';
        }
        try {
            return Json.mapper().writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean plainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
