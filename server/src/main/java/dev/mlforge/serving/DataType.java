package dev.mlforge.serving;

import java.lang.reflect.Array;
import java.util.Locale;

/**
 * The tensor datatypes of the Open Inference Protocol, with the Java array each one is held in:
 * BOOL {@code boolean[]}, INT8/UINT8 {@code byte[]}, INT16/UINT16 {@code short[]}, INT32/UINT32 {@code int[]},
 * INT64/UINT64 {@code long[]}, FP32 {@code float[]}, FP64 {@code double[]}, BYTES {@code String[]}.
 * FP16 and BF16 have no JSON form and are refused on the REST protocol.
 */
public enum DataType {
    BOOL(boolean.class), UINT8(byte.class), UINT16(short.class), UINT32(int.class), UINT64(long.class),
    INT8(byte.class), INT16(short.class), INT32(int.class), INT64(long.class),
    FP16(short.class), FP32(float.class), FP64(double.class), BF16(short.class), BYTES(String.class);

    private final Class<?> elementType;

    DataType(Class<?> elementType) {
        this.elementType = elementType;
    }

    /** The datatype named {@code name} ({@code FP32}), or null when there is none. */
    static DataType parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The datatype of an MLflow signature's column {@code type} ({@code double}) or tensor {@code dtype}
     * ({@code float64}), or null when it has none here.
     */
    public static DataType ofMlflow(String type) {
        return switch (type) {
            case "float32", "float" -> FP32;
            case "float64", "double" -> FP64;
            case "int8" -> INT8;
            case "uint8" -> UINT8;
            case "int16" -> INT16;
            case "int32", "integer" -> INT32;
            case "int64", "long" -> INT64;
            case "bool", "boolean" -> BOOL;
            case "str", "string", "object" -> BYTES;
            default -> null;
        };
    }

    boolean isFloatingPoint() {
        return this == FP32 || this == FP64 || this == FP16 || this == BF16;
    }

    boolean isInteger() {
        return switch (this) {
            case UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64 -> true;
            default -> false;
        };
    }

    boolean hasJsonForm() {
        return this != FP16 && this != BF16;
    }

    Object allocate(int length) {
        return Array.newInstance(elementType, length);
    }

    Class<?> elementType() {
        return elementType;
    }
}
