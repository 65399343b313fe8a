package dev.mlforge.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.mlforge.api.serving.InferenceResponse;
import dev.mlforge.api.serving.InferenceTensor;
import dev.mlforge.http.Json;
import java.io.IOException;

/**
 * Writes a V2 inference answer ({@link InferenceResponse}) as JSON bytes through Jackson's streaming generator, the
 * same generator, features and number text the mapper would use, without the mapper's bean serializers: a profile
 * of single-row inference put the answer's object mapping (serializer lookups, record accessors called through
 * reflection) at a fifth of the route's own time. Parameters (the request's echoed back, an output's
 * {@code binary_data_size} with the binary tensor data extension) are written by the mapper in place, as it writes
 * them inside the answer. Answers with an output whose data is neither absent nor a primitive array of numbers or
 * booleans go through the mapper as before; either way the bytes are the mapper's.
 */
final class V2AnswerJson {
    private V2AnswerJson() {}

    static byte[] write(InferenceResponse response) throws IOException {
        if (!streamable(response)) {
            return Json.mapper().writeValueAsBytes(response);
        }
        ByteArrayBuilder bytes = new ByteArrayBuilder(512);
        try (JsonGenerator json = Json.mapper().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("model_name", response.modelName());
            json.writeStringField("model_version", response.modelVersion());
            json.writeStringField("id", response.id());
            json.writeArrayFieldStart("outputs");
            for (InferenceTensor tensor : response.outputs()) {
                writeTensor(json, tensor);
            }
            json.writeEndArray();
            writeParameters(json, response.parameters());
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }

    /** True when every part of {@code response} is one this writer writes as the mapper does. */
    private static boolean streamable(InferenceResponse response) {
        if (response.outputs() == null) {
            return false;
        }
        for (InferenceTensor tensor : response.outputs()) {
            Object data = tensor.data();
            if (tensor.shape() == null || !(data == null || data instanceof float[] || data instanceof double[]
                    || data instanceof int[] || data instanceof long[] || data instanceof boolean[])) {
                return false;
            }
        }
        return true;
    }

    private static void writeTensor(JsonGenerator json, InferenceTensor tensor) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", tensor.name());
        json.writeFieldName("shape");
        long[] shape = tensor.shape();
        json.writeArray(shape, 0, shape.length);
        json.writeStringField("datatype", tensor.datatype());
        if (tensor.data() != null) {
            json.writeFieldName("data");
            writeData(json, tensor.data());
        }
        writeParameters(json, tensor.parameters());
        json.writeEndObject();
    }

    /** A {@code parameters} field written by the mapper (the generator's codec), or nothing when null. */
    private static void writeParameters(JsonGenerator json, Object parameters) throws IOException {
        if (parameters != null) {
            json.writeFieldName("parameters");
            json.writeObject(parameters);
        }
    }

    private static void writeData(JsonGenerator json, Object data) throws IOException {
        if (data instanceof float[] values) {
            json.writeStartArray(values, values.length);
            for (float value : values) {
                json.writeNumber(value);
            }
            json.writeEndArray();
        } else if (data instanceof double[] values) {
            json.writeArray(values, 0, values.length);
        } else if (data instanceof int[] values) {
            json.writeArray(values, 0, values.length);
        } else if (data instanceof long[] values) {
            json.writeArray(values, 0, values.length);
        } else {
            boolean[] values = (boolean[]) data;
            json.writeStartArray(values, values.length);
            for (boolean value : values) {
                json.writeBoolean(value);
            }
            json.writeEndArray();
        }
    }
}
