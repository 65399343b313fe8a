package dev.mlforge.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.mlforge.http.Json;
import java.util.List;

/**
 * The JSON the prediction log stores for a list of tensors ({@code [{"name","shape","datatype","data"}]}, the
 * protocol's tensor objects), written straight into a reused builder: the text is the one Jackson's mapper writes
 * for {@link V2Protocol#tensor} with the fast (Schubfach) float writer, character for character, but FP32, FP64,
 * the integer types and BOOL skip the object mapping and a String per value. Other datatypes, and FP32 values outside
 * {@link ShortestFloat}'s range, go through the mapper as before.
 */
final class LoggedTensors {
    /** The mapper path, with the shortest float text that reads back as the same float (the stored text is not the wire's). */
    private static final ObjectWriter TENSORS = Json.mapper().writer().with(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);

    private final StringBuilder text = new StringBuilder(1024);

    /** The JSON array of {@code tensors}. Not thread-safe: one instance per writing thread. */
    String json(List<Tensor> tensors) {
        text.setLength(0);
        text.append('[');
        for (int i = 0; i < tensors.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            int start = text.length();
            if (!appendFast(tensors.get(i))) {
                text.setLength(start);
                text.append(mapped(tensors.get(i)));
            }
        }
        return text.append(']').toString();
    }

    /** The mapper's text of one tensor (the reference the fast path matches). */
    static String mapped(Tensor tensor) {
        try {
            return TENSORS.writeValueAsString(V2Protocol.tensor(tensor));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write logged tensors as JSON", e);
        }
    }

    private boolean appendFast(Tensor tensor) {
        Object data = tensor.data();
        if (!(data instanceof float[] || data instanceof double[] || data instanceof long[] || data instanceof int[]
                || data instanceof boolean[])) {
            return false;
        }
        text.append("{\"name\":\"");
        JsonStringEncoder.getInstance().quoteAsString(tensor.name(), text);
        text.append("\",\"shape\":[");
        long[] shape = tensor.shape();
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(shape[i]);
        }
        text.append("],\"datatype\":\"").append(tensor.datatype().name()).append("\",\"data\":[");
        if (!appendData(data)) {
            return false;
        }
        text.append("]}");
        return true;
    }

    private boolean appendData(Object data) {
        if (data instanceof float[] values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    text.append(',');
                }
                if (!ShortestFloat.append(text, values[i])) {
                    if (!Float.isFinite(values[i])) {
                        return false;
                    }
                    text.append(NumberOutput.toString(values[i], true));
                }
            }
        } else if (data instanceof double[] values) {
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    return false;
                }
                text.append(i > 0 ? "," : "").append(NumberOutput.toString(values[i], true));
            }
        } else if (data instanceof long[] values) {
            for (int i = 0; i < values.length; i++) {
                text.append(i > 0 ? "," : "").append(values[i]);
            }
        } else if (data instanceof int[] values) {
            for (int i = 0; i < values.length; i++) {
                text.append(i > 0 ? "," : "").append(values[i]);
            }
        } else {
            boolean[] values = (boolean[]) data;
            for (int i = 0; i < values.length; i++) {
                text.append(i > 0 ? "," : "").append(values[i]);
            }
        }
        return true;
    }
}
