package dev.mlforge.tracing;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.mlforge.http.MlforgeException;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the spans of an OTLP {@code ExportTraceServiceRequest} straight from its protobuf bytes, without building
 * protobuf messages: each row takes the columns search needs, and as its content the span's own bytes, copied out of
 * the request as they arrived (MLflow's span JSON is rendered from them when a trace is read). Every field is walked
 * so that a malformed body or a string that is not UTF-8 is refused here, as protobuf's own parser refuses them; only
 * a root span's inputs and outputs are decoded into messages, for the trace's previews.
 *
 * <p>Field numbers are those of {@code opentelemetry/proto/trace/v1/trace.proto} and {@code common/v1/common.proto}.
 */
final class OtlpSpanReader {
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRACE_REQUEST_ID = "mlflow.traceRequestId".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SPAN_TYPE = "mlflow.spanType".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SPAN_INPUTS = "mlflow.spanInputs".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SPAN_OUTPUTS = "mlflow.spanOutputs".getBytes(StandardCharsets.UTF_8);
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH = 2;
    private static final int FIXED32 = 5;

    private final byte[] body;
    private final List<SpanRow> rows = new ArrayList<>();
    private int position;
    /** The last attribute string decoded for a trace id and a span type: the spans of a request mostly repeat them. */
    private final RepeatedString lastTraceId = new RepeatedString();
    private final RepeatedString lastType = new RepeatedString();

    private OtlpSpanReader(byte[] body) {
        this.body = body;
    }

    /** The spans of a protobuf {@code ExportTraceServiceRequest}, in request order. */
    static List<SpanRow> read(byte[] body) {
        OtlpSpanReader reader = new OtlpSpanReader(body);
        try {
            reader.request();
        } catch (MalformedSpans | ArrayIndexOutOfBoundsException e) {
            throw MlforgeException.invalidParameter("Invalid OTLP protobuf body: the request is not an ExportTraceServiceRequest");
        }
        return reader.rows;
    }

    private void request() {
        int end = body.length;
        while (position < end) {
            int tag = readTag(end);
            if (tag == (1 << 3 | LENGTH)) { // resource_spans
                int limit = messageEnd(end);
                while (position < limit) {
                    int field = readTag(limit);
                    if (field == (2 << 3 | LENGTH)) { // scope_spans
                        scopeSpans(messageEnd(limit));
                    } else {
                        skip(field, limit);
                    }
                }
            } else {
                skip(tag, end);
            }
        }
    }

    private void scopeSpans(int end) {
        while (position < end) {
            int tag = readTag(end);
            if (tag == (2 << 3 | LENGTH)) { // spans
                int limit = messageEnd(end);
                rows.add(span(limit));
            } else {
                skip(tag, end);
            }
        }
    }

    private SpanRow span(int end) {
        int start = position;
        int traceIdAt = -1;
        int traceIdLength = 0;
        int spanIdAt = -1;
        int spanIdLength = 0;
        int parentAt = -1;
        int parentLength = 0;
        String name = "";
        long startTime = 0;
        long endTime = 0;
        String status = "UNSET";
        Attributes attributes = new Attributes();
        while (position < end) {
            int tag = readTag(end);
            switch (tag) {
                case 1 << 3 | LENGTH -> {
                    traceIdLength = readLength(end);
                    traceIdAt = advance(traceIdLength);
                }
                case 2 << 3 | LENGTH -> {
                    spanIdLength = readLength(end);
                    spanIdAt = advance(spanIdLength);
                }
                case 4 << 3 | LENGTH -> {
                    parentLength = readLength(end);
                    parentAt = advance(parentLength);
                }
                case 3 << 3 | LENGTH -> utf8(end); // trace_state
                case 5 << 3 | LENGTH -> name = readString(end);
                case 7 << 3 | FIXED64 -> startTime = readFixed64(end);
                case 8 << 3 | FIXED64 -> endTime = readFixed64(end);
                case 9 << 3 | LENGTH -> attribute(messageEnd(end), attributes);
                case 11 << 3 | LENGTH -> strings(messageEnd(end), 2, 3); // an event: name, attributes
                case 13 << 3 | LENGTH -> strings(messageEnd(end), 3, 4); // a link: trace_state, attributes
                case 15 << 3 | LENGTH -> status = status(messageEnd(end));
                default -> skip(tag, end);
            }
        }
        if (traceIdLength != 16 || spanIdLength != 8) {
            throw MlforgeException.invalidParameter("Invalid OTLP span '" + name
                    + "': trace_id must have 16 bytes and span_id 8");
        }
        boolean root = parentAt < 0 || parentLength == 0;
        String traceId = attributes.traceId;
        if (traceId == null || traceId.isEmpty()) {
            traceId = "tr-" + hex(traceIdAt, traceIdLength);
        }
        String inputs = root && attributes.inputsAt >= 0 ? payload(attributes.inputsAt, attributes.inputsLength) : null;
        String outputs = root && attributes.outputsAt >= 0 ? payload(attributes.outputsAt, attributes.outputsLength) : null;
        return new SpanRow(traceId, hex(spanIdAt, spanIdLength), root ? null : hex(parentAt, parentLength), name,
                attributes.type, status,
                startTime, endTime, Arrays.copyOfRange(body, start, end), inputs, outputs);
    }

    /**
     * The bytes in lower-case hex, as {@link java.util.HexFormat} writes them, without its per-digit formatting
     * (8 % of a request thread's profile samples went to it for the two ids of every span).
     */
    private String hex(int at, int length) {
        byte[] digits = new byte[length * 2];
        for (int i = 0; i < length; i++) {
            int b = body[at + i];
            digits[2 * i] = HEX_DIGITS[(b >> 4) & 0xf];
            digits[2 * i + 1] = HEX_DIGITS[b & 0xf];
        }
        return new String(digits, StandardCharsets.ISO_8859_1);
    }

    /** What a span's attributes say to MLflow; {@code inputsAt} and {@code outputsAt} locate the AnyValue bytes. */
    private static final class Attributes {
        String traceId;
        String type;
        int inputsAt = -1;
        int inputsLength;
        int outputsAt = -1;
        int outputsLength;
    }

    /** A {@code KeyValue}: the key is compared as bytes; only MLflow's keys have their value decoded. */
    private void attribute(int end, Attributes attributes) {
        int keyAt = -1;
        int keyLength = 0;
        int valueAt = -1;
        int valueLength = 0;
        while (position < end) {
            int tag = readTag(end);
            if (tag == (1 << 3 | LENGTH)) {
                keyLength = readLength(end);
                keyAt = advance(keyLength);
                requireUtf8(keyAt, keyLength);
            } else if (tag == (2 << 3 | LENGTH)) {
                valueLength = readLength(end);
                valueAt = position;
                anyValue(valueAt + valueLength);
            } else {
                skip(tag, end);
            }
        }
        if (keyAt < 0) {
            return;
        }
        if (is(keyAt, keyLength, TRACE_REQUEST_ID)) {
            attributes.traceId = valueAt < 0 ? null : lastTraceId.unquoted(valueAt, valueLength);
        } else if (is(keyAt, keyLength, SPAN_TYPE)) {
            attributes.type = valueAt < 0 ? null : lastType.unquoted(valueAt, valueLength);
        } else if (is(keyAt, keyLength, SPAN_INPUTS)) {
            attributes.inputsAt = Math.max(valueAt, 0);
            attributes.inputsLength = valueLength;
        } else if (is(keyAt, keyLength, SPAN_OUTPUTS)) {
            attributes.outputsAt = Math.max(valueAt, 0);
            attributes.outputsLength = valueLength;
        }
    }

    /** Walks an event or a link, checking its string field and its attributes. */
    private void strings(int end, int stringField, int attributesField) {
        while (position < end) {
            int tag = readTag(end);
            if (tag == (stringField << 3 | LENGTH)) {
                utf8(end);
            } else if (tag == (attributesField << 3 | LENGTH)) {
                attribute(messageEnd(end), new Attributes());
            } else {
                skip(tag, end);
            }
        }
    }

    private boolean is(int at, int length, byte[] key) {
        return length == key.length && Arrays.equals(body, at, at + length, key, 0, key.length);
    }

    /** Walks an {@code AnyValue} (nested arrays and key-value lists too), checking its strings are UTF-8. */
    private void anyValue(int end) {
        while (position < end) {
            int tag = readTag(end);
            switch (tag) {
                case 1 << 3 | LENGTH -> utf8(end);
                case 5 << 3 | LENGTH -> { // array_value: repeated AnyValue values = 1
                    int limit = messageEnd(end);
                    while (position < limit) {
                        int field = readTag(limit);
                        if (field == (1 << 3 | LENGTH)) {
                            anyValue(messageEnd(limit));
                        } else {
                            skip(field, limit);
                        }
                    }
                }
                case 6 << 3 | LENGTH -> { // kvlist_value: repeated KeyValue values = 1
                    int limit = messageEnd(end);
                    while (position < limit) {
                        int field = readTag(limit);
                        if (field == (1 << 3 | LENGTH)) {
                            attribute(messageEnd(limit), new Attributes());
                        } else {
                            skip(field, limit);
                        }
                    }
                }
                default -> skip(tag, end);
            }
        }
    }

    private String status(int end) {
        String status = "UNSET";
        while (position < end) {
            int tag = readTag(end);
            if (tag == (3 << 3 | VARINT)) {
                long code = readVarint(end);
                status = code == 1 ? "OK" : code == 2 ? "ERROR" : "UNSET";
            } else if (tag == (2 << 3 | LENGTH)) {
                utf8(end);
            } else {
                skip(tag, end);
            }
        }
        return status;
    }

    /** A root span's inputs or outputs as Python's {@code json.dumps} writes them (MLflow's previews). */
    private String payload(int at, int length) {
        try {
            return OtlpSpans.pythonJson(AnyValue.parseFrom(ByteBuffer.wrap(body, at, length)));
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedSpans();
        }
    }

    /**
     * One attribute's string value decoded once for a run of spans that repeat it: MLflow's JSON-quoted strings
     * ({@code "\"LLM\""}) are unquoted, an int value is its decimal digits, any other value is null.
     */
    private final class RepeatedString {
        private int at = -1;
        private int length;
        private String text;

        String unquoted(int valueAt, int valueLength) {
            if (at >= 0 && length == valueLength && Arrays.equals(body, at, at + length, body, valueAt, valueAt + valueLength)) {
                return text;
            }
            at = valueAt;
            length = valueLength;
            text = decode(valueAt, valueAt + valueLength);
            return text;
        }

        private String decode(int from, int end) {
            int saved = position;
            position = from;
            try {
                String value = null;
                while (position < end) {
                    int tag = readTag(end);
                    if (tag == (1 << 3 | LENGTH)) {
                        value = OtlpSpans.unquote(readString(end));
                    } else if (tag == (3 << 3 | VARINT)) {
                        value = Long.toString(readVarint(end));
                    } else {
                        skip(tag, end);
                        value = null;
                    }
                }
                return value;
            } finally {
                position = saved;
            }
        }
    }

    private int readTag(int end) {
        long tag = readVarint(end);
        if (tag <= 0 || tag > Integer.MAX_VALUE) {
            throw new MalformedSpans();
        }
        return (int) tag;
    }

    private long readVarint(int end) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new MalformedSpans();
            }
            byte b = body[position++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new MalformedSpans();
    }

    private long readFixed64(int end) {
        int at = advance(8);
        if (position > end) {
            throw new MalformedSpans();
        }
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (body[at + i] & 0xffL);
        }
        return value;
    }

    private int readLength(int end) {
        long length = readVarint(end);
        if (length < 0 || length > end - position) {
            throw new MalformedSpans();
        }
        return (int) length;
    }

    /** Reads a length-delimited field's length; the returned end is where the nested message stops. */
    private int messageEnd(int end) {
        int length = readLength(end); // read first: it moves position past the length
        return position + length;
    }

    /** Moves past {@code length} bytes; answers where they start. */
    private int advance(int length) {
        int at = position;
        position += length;
        return at;
    }

    private String readString(int end) {
        int length = readLength(end);
        int at = advance(length);
        requireUtf8(at, length);
        return new String(body, at, length, StandardCharsets.UTF_8);
    }

    /** Moves past a string field, checking it is UTF-8. */
    private void utf8(int end) {
        int length = readLength(end);
        requireUtf8(advance(length), length);
    }

    private void requireUtf8(int at, int length) {
        for (int i = at; i < at + length; i++) {
            if (body[i] < 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body, at, length));
                } catch (CharacterCodingException e) {
                    throw new MalformedSpans();
                }
                return;
            }
        }
    }

    private void skip(int tag, int end) {
        switch (tag & 7) {
            case VARINT -> readVarint(end);
            case FIXED64 -> advance(8);
            case LENGTH -> advance(readLength(end));
            case FIXED32 -> advance(4);
            default -> throw new MalformedSpans();
        }
        if (position > end) {
            throw new MalformedSpans();
        }
    }

    /** A body that is not a well-formed ExportTraceServiceRequest. */
    private static final class MalformedSpans extends RuntimeException {
        MalformedSpans() {
            super(null, null, false, false);
        }
    }
}
