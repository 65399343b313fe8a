package dev.mlforge.serving;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.serving.ScoringResponse;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Json;
import dev.mlforge.http.PythonJson;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MLflow's scoring protocol ({@code mlflow models serve} {@code /invocations}): a JSON object with exactly one of
 * {@code dataframe_split}, {@code dataframe_records}, {@code instances} or {@code inputs}, or a CSV body with a
 * header row; answered {@code {"predictions": ...}}. Data frames are matched to the model by its signature's
 * columns, else by input names, else stacked into its single input.
 */
final class ScoringProtocol {
    private static final List<String> FORMATS = List.of("dataframe_split", "dataframe_records", "instances", "inputs");

    private ScoringProtocol() {}

    /** A data frame: column names and rows of JSON cells. */
    record Frame(List<String> columns, List<List<JsonNode>> rows) {}

    /** The fields MLflow's scoring server names in its errors, as Python writes the set. */
    private static final String FORMAT_SET = "{'dataframe_split', 'dataframe_records', 'instances', 'inputs'}";
    private static final String REQUIRED_FORMAT = "The input must be a JSON dictionary with exactly one of the input fields "
            + FORMAT_SET;

    /**
     * The request body as JSON: BAD_REQUEST with the texts of MLflow's scoring server for a body that is not JSON or
     * not an object (the door leaves this route's bodies to it, see {@code BodyTypes}).
     */
    static JsonNode parse(byte[] body) {
        JsonNode json;
        try (JsonParser parser = Json.mapper().createParser(body)) {
            json = Json.mapper().readTree(parser);
            if (json != null && parser.nextToken() != null) {
                throw badRequest("Invalid input. Ensure that input is a valid JSON formatted string. Error: 'Extra data"
                        + " at " + parser.currentLocation().getCharOffset() + "'");
            }
        } catch (IOException e) {
            throw badRequest("Invalid input. Ensure that input is a valid JSON formatted string. Error: '"
                    + (e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage()) + "'");
        }
        if (json != null && json.isArray()) {
            throw badRequest("Invalid input. " + REQUIRED_FORMAT + ". Received a list.");
        }
        if (json == null || !json.isObject()) {
            throw badRequest("Invalid input. " + REQUIRED_FORMAT + ". Received unexpected input type '"
                    + (json == null ? "empty" : json.getNodeType().name().toLowerCase()) + "'.");
        }
        return json;
    }

    static List<Tensor> readJson(JsonNode body, ModelSignature signature) {
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        List<String> present = FORMATS.stream().filter(body::has).toList();
        if (present.size() != 1) {
            throw badRequest(REQUIRED_FORMAT + ". Received dictionary with input fields: " + pythonList(fields)
                    + ". IMPORTANT: The MLflow Model scoring protocol has changed in MLflow version 2.0 (see"
                    + " https://mlflow.org/docs/latest/models.html#deploy-mlflow-models).");
        }
        JsonNode value = body.get(present.get(0));
        return switch (present.get(0)) {
            case "dataframe_split" -> frameTensors(split(value), signature);
            case "dataframe_records" -> frameTensors(records(value), signature);
            default -> tensorInput(value, signature);
        };
    }

    /**
     * The entity key columns of a data frame ({@code dataframe_split} or {@code dataframe_records}) naming none of the
     * model's columns or inputs, one 1-D tensor per column (whole numbers INT64, other numbers FP64, else BYTES), for a
     * deployment that declares online features; null for any other body, which is read as the model's inputs.
     */
    static List<Tensor> entityColumns(JsonNode body, ModelSignature signature) {
        return entityColumns(body.has("dataframe_split") ? split(body.get("dataframe_split"))
                : body.has("dataframe_records") ? records(body.get("dataframe_records")) : null, signature);
    }

    /** As {@link #entityColumns(JsonNode, ModelSignature)} for a frame already read (a CSV body); null frame: null. */
    static List<Tensor> entityColumns(Frame frame, ModelSignature signature) {
        if (frame == null || frame.columns().stream().anyMatch(column -> signature.columns().contains(column)
                || signature.input(column) != null)) {
            return null;
        }
        List<Tensor> tensors = new ArrayList<>();
        for (int column = 0; column < frame.columns().size(); column++) {
            List<JsonNode> cells = new ArrayList<>();
            for (List<JsonNode> row : frame.rows()) {
                cells.add(column < row.size() ? row.get(column) : JsonNodeFactory.instance.nullNode());
            }
            DataType type = cells.stream().allMatch(JsonNode::isIntegralNumber) ? DataType.INT64
                    : cells.stream().allMatch(JsonNode::isNumber) ? DataType.FP64 : DataType.BYTES;
            Object data = type.allocate(cells.size());
            for (int row = 0; row < cells.size(); row++) {
                JsonNode cell = cells.get(row);
                Array.set(data, row, type == DataType.INT64 ? (Object) cell.asLong() : type == DataType.FP64 ? (Object) cell.asDouble()
                        : cell.asText());
            }
            tensors.add(new Tensor(frame.columns().get(column), type, new long[] {cells.size()}, data));
        }
        return tensors;
    }

    /** A CSV body as a data frame: its header row's column names, and each further row's cells as JSON values. */
    static Frame csvFrame(String text) {
        List<List<String>> lines = Csv.parse(text);
        if (lines.isEmpty()) {
            throw badRequest("The CSV body is empty; it needs a header row of column names");
        }
        List<List<JsonNode>> rows = new ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            List<JsonNode> cells = new ArrayList<>();
            for (String cell : line) {
                cells.add(Csv.cell(cell));
            }
            rows.add(cells);
        }
        return new Frame(lines.get(0), rows);
    }

    private static Frame split(JsonNode value) {
        if (!value.isObject() || !value.path("data").isArray()) {
            throw badRequest("'dataframe_split' must be an object with 'columns' and 'data'");
        }
        List<String> columns = new ArrayList<>();
        value.path("columns").forEach(column -> columns.add(column.asText()));
        List<List<JsonNode>> rows = new ArrayList<>();
        for (JsonNode row : value.get("data")) {
            List<JsonNode> cells = new ArrayList<>();
            if (row.isArray()) {
                row.forEach(cells::add);
            } else {
                cells.add(row);
            }
            rows.add(cells);
        }
        return new Frame(columns, rows);
    }

    private static Frame records(JsonNode value) {
        if (!value.isArray()) {
            throw badRequest("'dataframe_records' must be a list of objects");
        }
        List<String> columns = new ArrayList<>();
        for (JsonNode record : value) {
            if (!record.isObject()) {
                throw badRequest("'dataframe_records' must be a list of objects");
            }
            record.fieldNames().forEachRemaining(name -> {
                if (!columns.contains(name)) {
                    columns.add(name);
                }
            });
        }
        List<List<JsonNode>> rows = new ArrayList<>();
        for (JsonNode record : value) {
            List<JsonNode> cells = new ArrayList<>();
            columns.forEach(column -> cells.add(record.has(column) ? record.get(column) : JsonNodeFactory.instance.nullNode()));
            rows.add(cells);
        }
        return new Frame(columns, rows);
    }

    private static List<Tensor> tensorInput(JsonNode value, ModelSignature signature) {
        if (value.isObject() && namesColumns(value, signature)) {
            return frameTensors(columns(value), signature);
        }
        if (value.isObject()) {
            List<Tensor> tensors = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                TensorSpec spec = signature.input(field.getKey());
                if (spec == null) {
                    throw MlforgeException.invalidParameter("Unknown input '" + field.getKey() + "' (the model takes "
                            + signature.inputs().stream().map(TensorSpec::name).toList() + ")");
                }
                tensors.add(nested(spec, field.getValue()));
            }
            return tensors;
        }
        if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
            return frameTensors(records(value), signature);
        }
        if (signature.inputs().size() != 1) {
            throw MlforgeException.invalidParameter("The model takes several inputs "
                    + signature.inputs().stream().map(TensorSpec::name).toList() + "; send them by name");
        }
        return List.of(nested(signature.inputs().get(0), value));
    }

    /** True when every key of {@code value} is a column of the signature and none an input's name. */
    private static boolean namesColumns(JsonNode value, ModelSignature signature) {
        if (signature.columns().isEmpty() || value.isEmpty()) {
            return false;
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!signature.columns().contains(name) || signature.input(name) != null) {
                return false;
            }
        }
        return true;
    }

    /** {@code {"column": [values...], ...}} (or one value per column: one row) as a data frame, as pandas reads it. */
    private static Frame columns(JsonNode value) {
        List<String> columns = new ArrayList<>();
        int rows = 1;
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            columns.add(field.getKey());
            rows = field.getValue().isArray() ? field.getValue().size() : rows;
        }
        List<List<JsonNode>> table = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            List<JsonNode> cells = new ArrayList<>();
            for (String column : columns) {
                JsonNode cell = value.get(column);
                cells.add(!cell.isArray() ? cell : row < cell.size() ? cell.get(row) : JsonNodeFactory.instance.nullNode());
            }
            table.add(cells);
        }
        return new Frame(columns, table);
    }

    /** A tensor from a nested JSON array, its shape read from the nesting. */
    private static Tensor nested(TensorSpec spec, JsonNode value) {
        List<Long> dims = new ArrayList<>();
        for (JsonNode level = value; level.isArray(); level = level.path(0)) {
            dims.add((long) level.size());
            if (level.isEmpty()) {
                break;
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        int count = (int) Tensor.elementCount(shape);
        Object data = spec.datatype().allocate(count);
        int filled = V2Protocol.fill(spec.name(), spec.datatype(), value, data, 0, count);
        if (filled != count) {
            throw MlforgeException.invalidParameter("Input '" + spec.name() + "' is not a rectangular array");
        }
        return new Tensor(spec.name(), spec.datatype(), shape, data);
    }

    static List<Tensor> frameTensors(Frame frame, ModelSignature signature) {
        int rows = frame.rows().size();
        for (List<JsonNode> row : frame.rows()) {
            if (row.size() != frame.columns().size()) {
                throw badRequest("A data frame row has " + row.size() + " values for " + frame.columns().size() + " columns");
            }
        }
        if (!signature.columns().isEmpty() && signature.inputs().size() == 1) {
            return List.of(stack(signature.inputs().get(0), frame, signature.columns(), rows));
        }
        boolean byName = signature.inputs().stream().allMatch(spec -> frame.columns().contains(spec.name()));
        if (byName) {
            List<Tensor> tensors = new ArrayList<>();
            for (TensorSpec spec : signature.inputs()) {
                tensors.add(column(spec, frame, rows));
            }
            return tensors;
        }
        if (signature.inputs().size() == 1) {
            return List.of(stack(signature.inputs().get(0), frame, frame.columns(), rows));
        }
        throw missingInputs(frame, signature.inputs().stream().map(TensorSpec::name)
                .filter(name -> !frame.columns().contains(name)).toList());
    }

    /** The named columns side by side as one {@code [rows, columns]} tensor. */
    private static Tensor stack(TensorSpec spec, Frame frame, List<String> columns, int rows) {
        int[] indexes = new int[columns.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = frame.columns().indexOf(columns.get(i));
            if (indexes[i] < 0) {
                throw missingInputs(frame, columns.stream().filter(column -> !frame.columns().contains(column)).toList());
            }
        }
        Object data = spec.datatype().allocate(rows * indexes.length);
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < indexes.length; i++) {
                converted(columns.get(i), spec.datatype(), frame.rows().get(row).get(indexes[i]), data,
                        row * indexes.length + i);
            }
        }
        return new Tensor(spec.name(), spec.datatype(), new long[] {rows, indexes.length}, data);
    }

    /** One column as the input of the same name: {@code [rows]}, or {@code [rows, 1]} when the model wants that. */
    private static Tensor column(TensorSpec spec, Frame frame, int rows) {
        int index = frame.columns().indexOf(spec.name());
        Object data = spec.datatype().allocate(rows);
        for (int row = 0; row < rows; row++) {
            converted(spec.name(), spec.datatype(), frame.rows().get(row).get(index), data, row);
        }
        long[] shape = spec.shape().size() == 2 ? new long[] {rows, 1} : new long[] {rows};
        return new Tensor(spec.name(), spec.datatype(), shape, data);
    }

    /**
     * {@code {"predictions": ...}}: one value (or list) per row for a single output, else one object per row; only
     * the signature's prediction outputs when it names them (a classifier answers its labels, as MLflow's does).
     */
    static ScoringResponse predictions(List<Tensor> all, ModelSignature signature) {
        List<Tensor> outputs = signature.predictionOutputs().isEmpty() ? all
                : all.stream().filter(output -> signature.predictionOutputs().contains(output.name())).toList();
        if (outputs.isEmpty()) {
            outputs = all;
        }
        int rows = outputs.get(0).rows();
        List<Object> predictions = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            if (outputs.size() == 1) {
                predictions.add(rowValue(outputs.get(0), row));
            } else {
                Map<String, Object> record = new LinkedHashMap<>();
                for (Tensor output : outputs) {
                    record.put(output.name(), rowValue(output, row));
                }
                predictions.add(record);
            }
        }
        return new ScoringResponse(predictions);
    }

    /**
     * {@link #predictions} as MLflow's scoring server writes it: Python's {@code json.dumps} text (its separators,
     * floats as Python's {@code repr}), FP32 (and FP16/BF16) values widened to the double they are, as numpy's
     * {@code tolist()} widens them before MLflow writes them. When the model returned a dict of arrays ({@code dict}),
     * one object of the outputs' lists, as MLflow's {@code _get_jsonable_obj} writes a dict.
     */
    static byte[] predictionsJson(List<Tensor> all, ModelSignature signature, boolean dict) {
        if (dict) {
            Map<String, Object> columns = new LinkedHashMap<>();
            for (Tensor output : all) {
                List<Object> column = new ArrayList<>(output.rows());
                for (int row = 0; row < output.rows(); row++) {
                    column.add(pythonValue(rowValue(output, row)));
                }
                columns.put(output.name(), column);
            }
            return PythonJson.write(Map.of("predictions", columns)).getBytes(StandardCharsets.UTF_8);
        }
        List<Object> predictions = new ArrayList<>();
        for (Object prediction : predictions(all, signature).predictions()) {
            if (prediction instanceof Map<?, ?> record) {
                Map<String, Object> python = new LinkedHashMap<>();
                record.forEach((name, value) -> python.put((String) name, pythonValue(value)));
                predictions.add(python);
            } else {
                predictions.add(pythonValue(prediction));
            }
        }
        return PythonJson.write(Map.of("predictions", predictions)).getBytes(StandardCharsets.UTF_8);
    }

    /** A cell or a (nested) array of them as the values {@link PythonJson} writes: lists, doubles, longs, strings. */
    private static Object pythonValue(Object value) {
        if (value != null && value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> list = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                list.add(pythonValue(Array.get(value, i)));
            }
            return list;
        }
        if (value instanceof Float || value instanceof Double) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        return value;
    }

    private static Object rowValue(Tensor output, int row) {
        Object data = V2Protocol.jsonData(output.rows(row, row + 1));
        return output.shape().length <= 1 ? Array.get(data, 0) : data;
    }

    /** As MLflow's schema enforcement words it (INVALID_PARAMETER_VALUE): the missing columns as a Python list. */
    private static MlforgeException missingInputs(Frame frame, List<String> missing) {
        return MlforgeException.invalidParameter("Failed to predict data with columns " + pythonList(frame.columns())
                + ". Error: Model is missing inputs " + pythonList(missing) + ".");
    }

    /** A data frame cell into its column's tensor; BAD_REQUEST in the words of MLflow's conversion error. */
    private static void converted(String column, DataType datatype, JsonNode cell, Object data, int index) {
        try {
            JsonValues.set(column, datatype, cell, data, index);
        } catch (MlforgeException e) {
            throw badRequest("Invalid input. Data is not compatible with model signature. Failed to convert column "
                    + column + " to type '" + numpyType(datatype) + "'. Error: " + e.getMessage());
        }
    }

    private static String numpyType(DataType datatype) {
        return switch (datatype) {
            case FP16 -> "float16";
            case FP32 -> "float32";
            case FP64 -> "float64";
            case BYTES -> "object";
            default -> datatype.name().toLowerCase();
        };
    }

    /** {@code ['a', 'b']}, as Python writes a list of strings. */
    private static String pythonList(List<String> names) {
        return names.stream().map(name -> "'" + name + "'").collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static MlforgeException badRequest(String message) {
        return new MlforgeException(ErrorCode.BAD_REQUEST, message);
    }
}
