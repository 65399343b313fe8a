package dev.mlforge.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads and writes the JSON of the Open Inference Protocol (KServe V2) REST API. */
final class V2Protocol {
    private V2Protocol() {}

    /** A parsed {@code $inference_request}; {@code outputs} is empty when all outputs are wanted. */
    record Request(String id, JsonNode parameters, List<Tensor> inputs, List<String> outputs) {}

    static Request readRequest(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw MlforgeException.invalidParameter("The inference request must be a JSON object with 'inputs'");
        }
        JsonNode inputs = body.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw MlforgeException.invalidParameter("The inference request needs a non-empty 'inputs' array");
        }
        List<Tensor> tensors = new ArrayList<>(inputs.size());
        Set<String> names = new HashSet<>();
        for (JsonNode input : inputs) {
            Tensor tensor = readTensor(input);
            if (!names.add(tensor.name())) {
                throw MlforgeException.invalidParameter("Input '" + tensor.name() + "' is given twice");
            }
            tensors.add(tensor);
        }
        List<String> outputs = new ArrayList<>();
        for (JsonNode output : body.path("outputs")) {
            if (!output.path("name").isTextual()) {
                throw MlforgeException.invalidParameter("Each requested output needs a 'name'");
            }
            outputs.add(output.get("name").asText());
        }
        JsonNode id = body.get("id");
        if (id != null && !id.isTextual()) {
            throw MlforgeException.invalidParameter("The request 'id' must be a string");
        }
        JsonNode parameters = body.get("parameters");
        if (parameters != null && !parameters.isObject()) {
            throw MlforgeException.invalidParameter("The request 'parameters' must be an object");
        }
        return new Request(id == null ? null : id.asText(), parameters, tensors, outputs);
    }

    private static Tensor readTensor(JsonNode input) {
        String name = input.path("name").asText(null);
        if (name == null || name.isEmpty()) {
            throw MlforgeException.invalidParameter("Each input needs a 'name'");
        }
        DataType datatype = DataType.parse(input.path("datatype").asText(null));
        if (datatype == null) {
            throw MlforgeException.invalidParameter("Input '" + name + "' has no valid 'datatype' (got "
                    + input.path("datatype") + ")");
        }
        if (!datatype.hasJsonForm()) {
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
        JsonNode data = input.get("data");
        if (data == null) {
            throw MlforgeException.invalidParameter("Input '" + name + "' has no 'data'");
        }
        Object values = datatype.allocate((int) count);
        int filled = fill(name, datatype, data, values, 0, (int) count);
        if (filled != count) {
            throw MlforgeException.invalidParameter("Input '" + name + "' has " + filled + " values but shape "
                    + shapeNode + " needs " + count);
        }
        return new Tensor(name, datatype, shape, values);
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

    static ObjectNode response(String modelName, String version, String id, List<Tensor> outputs, List<String> wanted) {
        ObjectNode response = Json.mapper().createObjectNode();
        response.put("model_name", modelName);
        response.put("model_version", version);
        response.put("id", id);
        ArrayNode array = response.putArray("outputs");
        for (String name : wanted) {
            if (outputs.stream().noneMatch(output -> output.name().equals(name))) {
                throw MlforgeException.invalidParameter("Unknown output '" + name + "' (the model gives "
                        + outputs.stream().map(Tensor::name).toList() + ")");
            }
        }
        for (Tensor output : outputs) {
            if (wanted.isEmpty() || wanted.contains(output.name())) {
                array.add(tensorJson(output));
            }
        }
        return response;
    }

    static ObjectNode tensorJson(Tensor tensor) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", tensor.name());
        ArrayNode shape = node.putArray("shape");
        for (long dim : tensor.shape()) {
            shape.add(dim);
        }
        node.put("datatype", tensor.datatype().name());
        ArrayNode data = node.putArray("data");
        Object values = tensor.data();
        int length = Array.getLength(values);
        switch (tensor.datatype()) {
            case FP32 -> { for (float value : (float[]) values) { data.add(value); } }
            case FP64 -> { for (double value : (double[]) values) { data.add(value); } }
            case INT64, UINT64 -> { for (long value : (long[]) values) { data.add(value); } }
            case INT32, UINT32 -> { for (int value : (int[]) values) { data.add(value); } }
            case BOOL -> { for (boolean value : (boolean[]) values) { data.add(value); } }
            case BYTES -> { for (String value : (String[]) values) { data.add(value); } }
            default -> {
                for (int i = 0; i < length; i++) {
                    data.add(((Number) Array.get(values, i)).intValue());
                }
            }
        }
        return node;
    }

    static ObjectNode metadata(String name, List<String> versions, ModelSignature signature) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", name);
        ArrayNode versionArray = node.putArray("versions");
        versions.forEach(versionArray::add);
        node.put("platform", signature.platform());
        node.set("inputs", specsJson(signature.inputs()));
        node.set("outputs", specsJson(signature.outputs()));
        return node;
    }

    private static ArrayNode specsJson(List<TensorSpec> specs) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (TensorSpec spec : specs) {
            ObjectNode node = array.addObject();
            node.put("name", spec.name());
            node.put("datatype", spec.datatype().name());
            ArrayNode shape = node.putArray("shape");
            spec.shape().forEach(shape::add);
        }
        return array;
    }
}
