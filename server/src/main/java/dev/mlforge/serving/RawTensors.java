package dev.mlforge.serving;

import dev.mlforge.http.MlforgeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Tensor elements in the protocol's raw form, shared by gRPC's {@code raw_input_contents} and the HTTP binary tensor
 * extension: little-endian, row-major, BYTES elements each preceded by a 4-byte little-endian length.
 */
public final class RawTensors {
    private RawTensors() {}

    /**
     * The {@code count} elements of {@code name} in {@code raw} (its remaining bytes, little-endian; BYTES elements
     * each preceded by a 4-byte length); a byte count that does not fit the datatype and count answers 400.
     */
    public static Object decode(String name, DataType datatype, ByteBuffer raw, int count) {
        ByteBuffer buffer = raw.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (datatype == DataType.BYTES) {
            return bytesElements(name, buffer);
        }
        int width = width(datatype);
        if (buffer.remaining() != (long) count * width) {
            throw MlforgeException.invalidParameter("Input '" + name + "' has " + buffer.remaining() + " raw bytes but "
                    + count + " " + datatype + " elements need " + (long) count * width);
        }
        return switch (datatype) {
            case BOOL -> {
                boolean[] values = new boolean[count];
                for (int i = 0; i < count; i++) {
                    values[i] = buffer.get() != 0;
                }
                yield values;
            }
            case INT8, UINT8 -> {
                byte[] values = new byte[count];
                buffer.get(values);
                yield values;
            }
            case INT16, UINT16, FP16, BF16 -> {
                short[] values = new short[count];
                buffer.asShortBuffer().get(values);
                yield values;
            }
            case INT32, UINT32 -> {
                int[] values = new int[count];
                buffer.asIntBuffer().get(values);
                yield values;
            }
            case INT64, UINT64 -> {
                long[] values = new long[count];
                buffer.asLongBuffer().get(values);
                yield values;
            }
            case FP32 -> {
                float[] values = new float[count];
                buffer.asFloatBuffer().get(values);
                yield values;
            }
            case FP64 -> {
                double[] values = new double[count];
                buffer.asDoubleBuffer().get(values);
                yield values;
            }
            case BYTES -> throw new IllegalStateException("handled above");
        };
    }

    private static String[] bytesElements(String name, ByteBuffer buffer) {
        List<String> elements = new ArrayList<>();
        while (buffer.hasRemaining()) {
            if (buffer.remaining() < 4) {
                throw MlforgeException.invalidParameter("Input '" + name + "' ends inside a BYTES element's length");
            }
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw MlforgeException.invalidParameter("Input '" + name + "' has a BYTES element longer than its raw contents");
            }
            byte[] element = new byte[length];
            buffer.get(element);
            elements.add(new String(element, StandardCharsets.UTF_8));
        }
        return elements.toArray(String[]::new);
    }

    /** The tensor's elements as raw little-endian bytes (BYTES elements each preceded by a 4-byte length). */
    public static byte[] encode(Tensor tensor) {
        Object data = tensor.data();
        if (tensor.datatype() == DataType.BYTES) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (String value : (String[]) data) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).array());
                out.writeBytes(bytes);
            }
            return out.toByteArray();
        }
        ByteBuffer buffer = ByteBuffer.allocate(tensor.length() * width(tensor.datatype())).order(ByteOrder.LITTLE_ENDIAN);
        switch (tensor.datatype()) {
            case BOOL -> {
                for (boolean value : (boolean[]) data) {
                    buffer.put((byte) (value ? 1 : 0));
                }
            }
            case INT8, UINT8 -> buffer.put((byte[]) data);
            case INT16, UINT16, FP16, BF16 -> buffer.asShortBuffer().put((short[]) data);
            case INT32, UINT32 -> buffer.asIntBuffer().put((int[]) data);
            case INT64, UINT64 -> buffer.asLongBuffer().put((long[]) data);
            case FP32 -> buffer.asFloatBuffer().put((float[]) data);
            case FP64 -> buffer.asDoubleBuffer().put((double[]) data);
            case BYTES -> throw new IllegalStateException("handled above");
        }
        return buffer.array();
    }

    /** Bytes per element of a fixed-width datatype. */
    public static int width(DataType datatype) {
        return switch (datatype) {
            case BOOL, INT8, UINT8 -> 1;
            case INT16, UINT16, FP16, BF16 -> 2;
            case INT32, UINT32, FP32 -> 4;
            case INT64, UINT64, FP64 -> 8;
            case BYTES -> throw new IllegalArgumentException("BYTES elements have no fixed width");
        };
    }
}
