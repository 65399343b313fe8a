package dev.mlforge.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.MlforgeException;

/** Stores one JSON value into a tensor's primitive array, refusing values of the wrong kind with the input's name. */
final class JsonValues {
    private JsonValues() {}

    static void set(String name, DataType datatype, JsonNode value, Object target, int index) {
        switch (datatype) {
            case FP32 -> ((float[]) target)[index] = (float) floating(name, datatype, value);
            case FP64 -> ((double[]) target)[index] = floating(name, datatype, value);
            case INT64, UINT64 -> ((long[]) target)[index] = integral(name, datatype, value, Long.MIN_VALUE, Long.MAX_VALUE);
            case INT32 -> ((int[]) target)[index] = (int) integral(name, datatype, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT32 -> ((int[]) target)[index] = (int) integral(name, datatype, value, 0, 0xFFFF_FFFFL);
            case INT16 -> ((short[]) target)[index] = (short) integral(name, datatype, value, Short.MIN_VALUE, Short.MAX_VALUE);
            case UINT16 -> ((short[]) target)[index] = (short) integral(name, datatype, value, 0, 0xFFFF);
            case INT8 -> ((byte[]) target)[index] = (byte) integral(name, datatype, value, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case UINT8 -> ((byte[]) target)[index] = (byte) integral(name, datatype, value, 0, 0xFF);
            case BOOL -> {
                if (!value.isBoolean()) {
                    throw wrongKind(name, datatype, value);
                }
                ((boolean[]) target)[index] = value.booleanValue();
            }
            case BYTES -> {
                if (!value.isTextual()) {
                    throw wrongKind(name, datatype, value);
                }
                ((String[]) target)[index] = value.textValue();
            }
            default -> throw MlforgeException.invalidParameter("Input '" + name + "': datatype " + datatype
                    + " has no JSON form");
        }
    }

    /** Numbers, JSON null (a missing value, NaN) and the strings "NaN", "Infinity", "-Infinity". */
    private static double floating(String name, DataType datatype, JsonNode value) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isNull()) {
            return Double.NaN;
        }
        if (value.isTextual()) {
            switch (value.textValue()) {
                case "NaN", "nan":
                    return Double.NaN;
                case "Infinity", "inf":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity", "-inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw wrongKind(name, datatype, value);
    }

    private static long integral(String name, DataType datatype, JsonNode value, long min, long max) {
        boolean whole = value.isIntegralNumber() || value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue());
        if (!whole || !value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            throw wrongKind(name, datatype, value);
        }
        return value.longValue();
    }

    private static MlforgeException wrongKind(String name, DataType datatype, JsonNode value) {
        String shown = value.toString();
        return MlforgeException.invalidParameter("Input '" + name + "' has value " + (shown.length() > 40
                ? shown.substring(0, 40) + "..." : shown) + ", which is not " + datatype);
    }
}
