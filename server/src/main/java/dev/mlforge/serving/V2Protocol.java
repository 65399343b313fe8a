package dev.mlforge.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.serving.InferenceResponse;
import dev.mlforge.api.serving.InferenceTensor;
import dev.mlforge.api.serving.ModelMetadataResponse;
import dev.mlforge.api.serving.TensorMetadata;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads and writes the JSON of the Open Inference Protocol (KServe V2) REST API. */
final class V2Protocol {
    private V2Protocol() {}

    /**
     * A parsed {@code $inference_request}; {@code outputs} is empty when all outputs are wanted. {@code binaryOutputs}:
     * the outputs whose {@code parameters.binary_data} was given (true or false); the others are binary when the
     * request's {@code parameters.binary_data_output} is true (the binary tensor data extension).
     */
    record Request(String id, JsonNode parameters, List<Tensor> inputs, List<String> outputs,
            java.util.Map<String, Boolean> binaryOutputs) {
        /** True when output {@code name} is to be answered as raw bytes after the JSON. */
        boolean binary(String name) {
            Boolean asked = binaryOutputs.get(name);
            return asked != null ? asked : parameters != null && parameters.path(BINARY_DATA_OUTPUT).asBoolean(false);
        }
    }

    /** The request parameter of the binary tensor data extension: every output comes as binary data. */
    static final String BINARY_DATA_OUTPUT = "binary_data_output";
    /** The output parameter of the binary tensor data extension: this output comes as binary data. */
    static final String BINARY_DATA = "binary_data";

    /**
     * The request in {@code body} (read in one streaming pass, see {@link V2RequestReader}): errors answer 400 naming
     * the input, exactly as {@link #readRequest(JsonNode)} would for the same body.
     */
    static Request readRequest(byte[] body) {
        return V2RequestReader.read(body);
    }

    /** The input parameter of the binary tensor data extension: how many bytes of the binary section are the input's. */
    static final String BINARY_DATA_SIZE = "binary_data_size";

    /**
     * A request in the binary tensor data extension's form: the JSON is the first {@code jsonLength} bytes (the
     * {@code Inference-Header-Content-Length} header), the inputs' raw elements follow in input order.
     */
    static Request readRequest(byte[] body, int jsonLength) {
        return V2RequestReader.read(body, jsonLength, ByteBuffer.wrap(body, jsonLength, body.length - jsonLength).slice());
    }

    /** An input whose elements are the next {@code parameters.binary_data_size} bytes of {@code binary}. */
    static Tensor readBinaryTensor(JsonNode input, ByteBuffer binary) {
        Header header = header(input, true);
        JsonNode size = input.path("parameters").path(BINARY_DATA_SIZE);
        if (!size.isIntegralNumber() || !size.canConvertToInt() || size.asInt() < 0) {
            throw MlforgeException.invalidParameter("Input '" + header.name() + "' has an invalid " + BINARY_DATA_SIZE
                    + " " + size + " (a number of bytes)");
        }
        if (binary == null) {
            throw MlforgeException.invalidParameter("Input '" + header.name() + "' gives " + BINARY_DATA_SIZE
                    + " but the request has no Inference-Header-Content-Length header");
        }
        int bytes = size.asInt();
        if (bytes > binary.remaining()) {
            throw MlforgeException.invalidParameter("Input '" + header.name() + "' has " + BINARY_DATA_SIZE + " " + bytes
                    + " but only " + binary.remaining() + " bytes of binary data are left");
        }
        ByteBuffer own = binary.slice(binary.position(), bytes);
        binary.position(binary.position() + bytes);
        Object values = RawTensors.decode(header.name(), header.datatype(), own, header.count());
        header.checkFilled(Array.getLength(values));
        return new Tensor(header.name(), header.datatype(), header.shape(), values);
    }

    static Request readRequest(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw MlforgeException.invalidParameter("The inference request must be a JSON object with 'inputs'");
        }
        JsonNode inputs = body.get("inputs");
        List<Tensor> tensors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (inputs != null && inputs.isArray()) {
            for (JsonNode input : inputs) {
                addInput(tensors, names, readTensor(input));
            }
        }
        return request(tensors, inputs != null && inputs.isArray(), body.get("outputs"), body.get("id"), body.get("parameters"));
    }

    /** Adds {@code tensor}, refusing a second input of the same name. */
    static void addInput(List<Tensor> tensors, Set<String> names, Tensor tensor) {
        if (!names.add(tensor.name())) {
            throw MlforgeException.invalidParameter("Input '" + tensor.name() + "' is given twice");
        }
        tensors.add(tensor);
    }

    /** The request once its inputs are read: checks them, then the optional {@code outputs}, {@code id} and {@code parameters}. */
    static Request request(List<Tensor> tensors, boolean inputsIsArray, JsonNode outputsNode, JsonNode id, JsonNode parameters) {
        if (!inputsIsArray || tensors.isEmpty()) {
            throw MlforgeException.invalidParameter("The inference request needs a non-empty 'inputs' array");
        }
        List<String> outputs = new ArrayList<>();
        java.util.Map<String, Boolean> binaryOutputs = new java.util.HashMap<>();
        if (outputsNode != null) {
            for (JsonNode output : outputsNode) {
                if (!output.path("name").isTextual()) {
                    throw MlforgeException.invalidParameter("Each requested output needs a 'name'");
                }
                outputs.add(output.get("name").asText());
                JsonNode binary = output.path("parameters").path(BINARY_DATA);
                if (!binary.isMissingNode()) {
                    if (!binary.isBoolean()) {
                        throw MlforgeException.invalidParameter("Output '" + output.get("name").asText() + "': "
                                + BINARY_DATA + " must be true or false, got " + binary);
                    }
                    binaryOutputs.put(output.get("name").asText(), binary.asBoolean());
                }
            }
        }
        if (id != null && !id.isTextual()) {
            throw MlforgeException.invalidParameter("The request 'id' must be a string");
        }
        if (parameters != null && !parameters.isObject()) {
            throw MlforgeException.invalidParameter("The request 'parameters' must be an object");
        }
        if (parameters != null && parameters.has(BINARY_DATA_OUTPUT) && !parameters.get(BINARY_DATA_OUTPUT).isBoolean()) {
            throw MlforgeException.invalidParameter("The request parameter " + BINARY_DATA_OUTPUT
                    + " must be true or false, got " + parameters.get(BINARY_DATA_OUTPUT));
        }
        return new Request(id == null ? null : id.asText(), parameters, tensors, outputs, binaryOutputs);
    }

    /** An input's name, datatype and shape, checked; {@code count} is the number of values the shape needs. */
    record Header(String name, DataType datatype, long[] shape, JsonNode shapeNode, int count) {
        /** Refuses data whose value count (as {@link #fill} counted it) does not match the shape. */
        void checkFilled(int filled) {
            if (filled != count) {
                throw MlforgeException.invalidParameter("Input '" + name + "' has " + filled + " values but shape "
                        + shapeNode + " needs " + count);
            }
        }
    }

    static Tensor readTensor(JsonNode input) {
        Header header = header(input);
        JsonNode data = input.get("data");
        if (data == null) {
            throw MlforgeException.invalidParameter("Input '" + header.name() + "' has no 'data'");
        }
        Object values = header.datatype().allocate(header.count());
        header.checkFilled(fill(header.name(), header.datatype(), data, values, 0, header.count()));
        return new Tensor(header.name(), header.datatype(), header.shape(), values);
    }

    /** Checks the name, datatype and shape of {@code input} (its other fields are not looked at). */
    static Header header(JsonNode input) {
        return header(input, false);
    }

    /** As {@link #header(JsonNode)}; {@code binary}: the elements come raw, so FP16 and BF16 are accepted too. */
    static Header header(JsonNode input, boolean binary) {
        String name = input.path("name").asText(null);
        if (name == null || name.isEmpty()) {
            throw MlforgeException.invalidParameter("Each input needs a 'name'");
        }
        DataType datatype = DataType.parse(input.path("datatype").asText(null));
        if (datatype == null) {
            throw MlforgeException.invalidParameter("Input '" + name + "' has no valid 'datatype' (got "
                    + input.path("datatype") + ")");
        }
        if (!binary && !datatype.hasJsonForm()) {
            throw MlforgeException.invalidParameter("Input '" + name + "': datatype " + datatype
                    + " has no JSON form; send FP32");
        }
        JsonNode shapeNode = input.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw MlforgeException.invalidParameter("Input '" + name + "' needs a 'shape' array");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!shapeNode.get(i).canConvertToLong() || shapeNode.get(i).asLong() < 0) {
                throw MlforgeException.invalidParameter("Input '" + name + "' has an invalid shape " + shapeNode);
            }
            shape[i] = shapeNode.get(i).asLong();
        }
        long count = Tensor.elementCount(shape);
        if (count > Integer.MAX_VALUE) {
            throw MlforgeException.invalidParameter("Input '" + name + "' has a shape too large: " + shapeNode);
        }
        return new Header(name, datatype, shape, shapeNode, (int) count);
    }

    /** Copies nested or flat JSON data into {@code target} from {@code offset}; answers the next offset. */
    static int fill(String name, DataType datatype, JsonNode data, Object target, int offset, int capacity) {
        if (data.isArray()) {
            int next = offset;
            for (JsonNode element : data) {
                next = fill(name, datatype, element, target, next, capacity);
            }
            return next;
        }
        if (offset >= capacity) {
            return offset + 1;
        }
        JsonValues.set(name, datatype, data, target, offset);
        return offset + 1;
    }

    /**
     * The answer to {@code request}: its JSON, and the raw bytes of the outputs it asked as binary data, in output
     * order, each output's JSON naming its {@code binary_data_size} instead of carrying {@code data}.
     */
    record Answer(InferenceResponse json, List<byte[]> binary) {}

    static Answer answer(String modelName, String version, String id, List<Tensor> outputs, Request request) {
        InferenceResponse all = response(modelName, version, id, outputs, request.outputs(), request.parameters());
        List<byte[]> binary = new ArrayList<>();
        List<InferenceTensor> answered = new ArrayList<>(all.outputs().size());
        for (InferenceTensor tensor : all.outputs()) {
            if (!request.binary(tensor.name())) {
                answered.add(tensor);
                continue;
            }
            Tensor output = outputs.stream().filter(candidate -> candidate.name().equals(tensor.name())).findFirst().orElseThrow();
            byte[] raw = RawTensors.encode(output);
            binary.add(raw);
            answered.add(new InferenceTensor(tensor.name(), tensor.shape(), tensor.datatype(), null,
                    java.util.Map.of(BINARY_DATA_SIZE, raw.length)));
        }
        return new Answer(binary.isEmpty() ? all : new InferenceResponse(modelName, version, id, answered, all.parameters()),
                binary);
    }

    static InferenceResponse response(String modelName, String version, String id, List<Tensor> outputs,
            List<String> wanted, Object parameters) {
        for (String name : wanted) {
            if (outputs.stream().noneMatch(output -> output.name().equals(name))) {
                throw MlforgeException.invalidParameter("Unknown output '" + name + "' (the model gives "
                        + outputs.stream().map(Tensor::name).toList() + ")");
            }
        }
        List<InferenceTensor> answered = new ArrayList<>(outputs.size());
        for (Tensor output : outputs) {
            if (wanted.isEmpty() || wanted.contains(output.name())) {
                answered.add(tensor(output));
            }
        }
        return new InferenceResponse(modelName, version, id, answered, parameters);
    }

    /** The wire form of {@code tensor}, its values left in their primitive array (see {@link InferenceTensor}). */
    static InferenceTensor tensor(Tensor tensor) {
        return new InferenceTensor(tensor.name(), tensor.shape(), tensor.datatype().name(), jsonData(tensor));
    }

    /**
     * The tensor's values as an array Jackson writes as JSON numbers, booleans or strings: the array itself, except
     * 8- and 16-bit integers, whose {@code byte[]} Jackson would write as base64, widened to {@code int[]} (unsigned
     * types read without their sign: a UINT8 200 is held as the byte -56), and FP16 and BF16, held as their bit
     * patterns in a {@code short[]}, decoded to the {@code float[]} of the values they stand for.
     */
    static Object jsonData(Tensor tensor) {
        Object values = tensor.data();
        if (tensor.datatype() == DataType.FP16 || tensor.datatype() == DataType.BF16) {
            return HalfFloats.toFloats(tensor.datatype(), (short[]) values);
        }
        if (values instanceof byte[] || values instanceof short[]) {
            int mask = switch (tensor.datatype()) {
                case UINT8 -> 0xFF;
                case UINT16 -> 0xFFFF;
                default -> -1;
            };
            int[] widened = new int[Array.getLength(values)];
            for (int i = 0; i < widened.length; i++) {
                widened[i] = ((Number) Array.get(values, i)).intValue() & mask;
            }
            return widened;
        }
        return values;
    }

    static ModelMetadataResponse metadata(String name, List<String> versions, ModelSignature signature) {
        return new ModelMetadataResponse(name, versions, signature.platform(), specs(signature.inputs()),
                specs(signature.outputs()));
    }

    private static List<TensorMetadata> specs(List<TensorSpec> specs) {
        return specs.stream().map(spec -> new TensorMetadata(spec.name(), spec.datatype().name(), spec.shape()))
                .toList();
    }
}
