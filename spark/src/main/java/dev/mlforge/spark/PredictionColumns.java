package dev.mlforge.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.http.Json;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * How a model's predictions become Parquet columns, decided from one prediction on the driver: a single output is
 * the column {@code prediction}, several outputs (a map per row) are {@code prediction_<output>}; numbers, strings
 * and booleans keep their type, number arrays (class probabilities) become arrays, anything else JSON text.
 */
record PredictionColumns(List<Column> columns) implements Serializable {
    static final String PREFIX = "prediction";

    enum Kind { FLOAT, DOUBLE, LONG, BOOLEAN, STRING, FLOAT_ARRAY, DOUBLE_ARRAY, LONG_ARRAY, JSON }

    /** One column: its name, the output it holds (null for a single-output model) and its kind. */
    record Column(String name, String output, Kind kind) implements Serializable {}

    static PredictionColumns of(Object sample) {
        List<Column> columns = new ArrayList<>();
        if (sample instanceof Map<?, ?> outputs) {
            outputs.forEach((output, value) -> columns.add(new Column(PREFIX + "_" + output, String.valueOf(output), kind(value))));
        } else {
            columns.add(new Column(PREFIX, null, sample == null ? Kind.STRING : kind(sample)));
        }
        return new PredictionColumns(columns);
    }

    private static Kind kind(Object value) {
        if (value instanceof Float) {
            return Kind.FLOAT;
        } else if (value instanceof Double) {
            return Kind.DOUBLE;
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Kind.LONG;
        } else if (value instanceof Boolean) {
            return Kind.BOOLEAN;
        } else if (value instanceof String) {
            return Kind.STRING;
        } else if (value instanceof float[]) {
            return Kind.FLOAT_ARRAY;
        } else if (value instanceof double[]) {
            return Kind.DOUBLE_ARRAY;
        } else if (value instanceof long[] || value instanceof int[]) {
            return Kind.LONG_ARRAY;
        }
        return Kind.JSON;
    }

    List<StructField> fields() {
        return columns.stream().map(column -> DataTypes.createStructField(column.name(), sparkType(column.kind()), true)).toList();
    }

    private static DataType sparkType(Kind kind) {
        return switch (kind) {
            case FLOAT -> DataTypes.FloatType;
            case DOUBLE -> DataTypes.DoubleType;
            case LONG -> DataTypes.LongType;
            case BOOLEAN -> DataTypes.BooleanType;
            case STRING, JSON -> DataTypes.StringType;
            case FLOAT_ARRAY -> DataTypes.createArrayType(DataTypes.FloatType, false);
            case DOUBLE_ARRAY -> DataTypes.createArrayType(DataTypes.DoubleType, false);
            case LONG_ARRAY -> DataTypes.createArrayType(DataTypes.LongType, false);
        };
    }

    /** Writes {@code prediction}'s column values into {@code row} from {@code offset} on. */
    void fill(Object prediction, Object[] row, int offset) {
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            Object value = column.output() == null ? prediction : ((Map<?, ?>) prediction).get(column.output());
            row[offset + i] = value == null ? null : toSpark(column.kind(), value);
        }
    }

    private static Object toSpark(Kind kind, Object value) {
        return switch (kind) {
            case FLOAT -> ((Number) value).floatValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case LONG -> ((Number) value).longValue();
            case BOOLEAN -> value;
            case STRING -> String.valueOf(value);
            case FLOAT_ARRAY, DOUBLE_ARRAY, LONG_ARRAY -> sequence(kind, value);
            case JSON -> json(value);
        };
    }

    private static scala.collection.Seq<Object> sequence(Kind kind, Object array) {
        int length = Array.getLength(array);
        List<Object> values = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            Number number = (Number) Array.get(array, i);
            values.add(kind == Kind.FLOAT_ARRAY ? (Object) number.floatValue()
                    : kind == Kind.DOUBLE_ARRAY ? (Object) number.doubleValue() : (Object) number.longValue());
        }
        return scala.jdk.javaapi.CollectionConverters.asScala(values).toSeq();
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a prediction is not JSON-serializable: " + e.getMessage(), e);
        }
    }
}
