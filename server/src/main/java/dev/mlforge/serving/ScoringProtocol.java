package dev.mlforge.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.serving.ScoringResponse;
import dev.mlforge.http.MlforgeException;
import java.lang.reflect.Array;
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

    static List<Tensor> readJson(JsonNode body, ModelSignature signature) {
        if (body == null || !body.isObject()) {
            throw badRequest("The request body must be a JSON object with one of the keys " + FORMATS);
        }
        List<String> present = FORMATS.stream().filter(body::has).toList();
        if (present.size() != 1) {
            throw badRequest("The request body must have exactly one of " + FORMATS + "; it has " + present
                    + " (the scoring format changed in MLflow 2.0)");
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
        throw MlforgeException.invalidParameter("Missing input column(s): the model takes "
                + signature.inputs().stream().map(TensorSpec::name).toList() + ", the data frame has " + frame.columns());
    }

    /** The named columns side by side as one {@code [rows, columns]} tensor. */
    private static Tensor stack(TensorSpec spec, Frame frame, List<String> columns, int rows) {
        int[] indexes = new int[columns.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = frame.columns().indexOf(columns.get(i));
            if (indexes[i] < 0) {
                throw MlforgeException.invalidParameter("Missing input column '" + columns.get(i) + "' (the model takes "
                        + columns + ")");
            }
        }
        Object data = spec.datatype().allocate(rows * indexes.length);
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < indexes.length; i++) {
                JsonValues.set(columns.get(i), spec.datatype(), frame.rows().get(row).get(indexes[i]), data,
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
            JsonValues.set(spec.name(), spec.datatype(), frame.rows().get(row).get(index), data, row);
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

    private static Object rowValue(Tensor output, int row) {
        Object data = V2Protocol.jsonData(output.rows(row, row + 1));
        return output.shape().length <= 1 ? Array.get(data, 0) : data;
    }

    private static MlforgeException badRequest(String message) {
        return new MlforgeException(ErrorCode.BAD_REQUEST, message);
    }
}
