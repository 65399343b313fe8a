package dev.mlforge.serving;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The prediction log's stored form of a list of tensors: a compact binary column instead of JSON text, so that the
 * writer copies each tensor's array (one bulk little-endian copy) instead of formatting every value. Reading back
 * gives the same tensors, bit for bit (NaN payloads, -0.0 and subnormals included), so {@link LoggedTensors} writes
 * the JSON the log stored before, character for character.
 *
 * <p>Layout, little-endian: the format byte {@code 1}, the tensor count (int), then per tensor its name (int length
 * and UTF-8 bytes), its datatype's name (the same), its rank (int) and dimensions (longs), and its elements: raw
 * for the numeric types, one byte per BOOL, and per BYTES element an int length (-1 for null) and UTF-8 bytes.
 * The format byte {@code 'J'} is followed by UTF-8 JSON text: the form of a tensor whose data is not one of the
 * arrays {@link DataType} names.
 */
final class PackedTensors {
    private static final byte BINARY = 1;
    private static final byte JSON = 'J';

    private PackedTensors() {}

    /** The packed form of {@code tensors}; JSON text inside when a tensor holds data of an unexpected class. */
    static byte[] pack(List<Tensor> tensors) {
        int size = 5;
        for (Tensor tensor : tensors) {
            int bytes = dataBytes(tensor);
            if (bytes < 0) {
                return json(tensors);
            }
            size += 12 + utf8Length(tensor.name()) + tensor.datatype().name().length() + 8 * tensor.shape().length + bytes;
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.put(BINARY).putInt(tensors.size());
        for (Tensor tensor : tensors) {
            putString(out, tensor.name());
            putString(out, tensor.datatype().name());
            out.putInt(tensor.shape().length);
            for (long dim : tensor.shape()) {
                out.putLong(dim);
            }
            putData(out, tensor.data());
        }
        if (out.hasRemaining()) {
            throw new IllegalStateException("packed tensors size mismatch: " + out.remaining() + " bytes left");
        }
        return out.array();
    }

    /** The tensors {@code packed} holds; a JSON-text form cannot be unpacked (read it with {@link #json}). */
    static List<Tensor> unpack(byte[] packed) {
        ByteBuffer in = ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN);
        byte format = in.get();
        if (format != BINARY) {
            throw new IllegalArgumentException("not a binary packed tensor list (format byte " + format + ")");
        }
        int count = in.getInt();
        List<Tensor> tensors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = getString(in);
            DataType type = DataType.valueOf(getString(in));
            long[] shape = new long[in.getInt()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = in.getLong();
            }
            tensors.add(new Tensor(name, type, shape, getData(in, type, Math.toIntExact(Tensor.elementCount(shape)))));
        }
        return tensors;
    }

    /** The JSON text the prediction log wrote for the tensors {@code packed} holds ({@code encoder}: this thread's). */
    static String json(byte[] packed, LoggedTensors encoder) {
        if (packed.length > 0 && packed[0] == JSON) {
            return new String(packed, 1, packed.length - 1, StandardCharsets.UTF_8);
        }
        return encoder.json(unpack(packed));
    }

    private static byte[] json(List<Tensor> tensors) {
        byte[] text = new LoggedTensors().json(tensors).getBytes(StandardCharsets.UTF_8);
        byte[] packed = new byte[text.length + 1];
        packed[0] = JSON;
        System.arraycopy(text, 0, packed, 1, text.length);
        return packed;
    }

    /** Bytes of the tensor's elements, or -1 when its data is not an array this format knows. */
    private static int dataBytes(Tensor tensor) {
        Object data = tensor.data();
        if (data instanceof float[] values) {
            return 4 * values.length;
        } else if (data instanceof double[] values) {
            return 8 * values.length;
        } else if (data instanceof long[] values) {
            return 8 * values.length;
        } else if (data instanceof int[] values) {
            return 4 * values.length;
        } else if (data instanceof short[] values) {
            return 2 * values.length;
        } else if (data instanceof byte[] values) {
            return values.length;
        } else if (data instanceof boolean[] values) {
            return values.length;
        } else if (data instanceof String[] values) {
            int bytes = 0;
            for (String value : values) {
                bytes += 4 + (value == null ? 0 : utf8Length(value));
            }
            return bytes;
        }
        return -1;
    }

    private static void putData(ByteBuffer out, Object data) {
        if (data instanceof float[] values) {
            // A bulk copy keeps each float's bits, NaN payloads included (no floatToIntBits canonicalising).
            out.asFloatBuffer().put(values);
            out.position(out.position() + 4 * values.length);
        } else if (data instanceof double[] values) {
            out.asDoubleBuffer().put(values);
            out.position(out.position() + 8 * values.length);
        } else if (data instanceof long[] values) {
            out.asLongBuffer().put(values);
            out.position(out.position() + 8 * values.length);
        } else if (data instanceof int[] values) {
            out.asIntBuffer().put(values);
            out.position(out.position() + 4 * values.length);
        } else if (data instanceof short[] values) {
            out.asShortBuffer().put(values);
            out.position(out.position() + 2 * values.length);
        } else if (data instanceof byte[] values) {
            out.put(values);
        } else if (data instanceof boolean[] values) {
            for (boolean value : values) {
                out.put(value ? (byte) 1 : (byte) 0);
            }
        } else {
            for (String value : (String[]) data) {
                if (value == null) {
                    out.putInt(-1);
                } else {
                    putString(out, value);
                }
            }
        }
    }

    private static Object getData(ByteBuffer in, DataType type, int count) {
        Object data = type.allocate(count);
        if (data instanceof float[] values) {
            in.asFloatBuffer().get(values);
            in.position(in.position() + 4 * count);
        } else if (data instanceof double[] values) {
            in.asDoubleBuffer().get(values);
            in.position(in.position() + 8 * count);
        } else if (data instanceof long[] values) {
            in.asLongBuffer().get(values);
            in.position(in.position() + 8 * count);
        } else if (data instanceof int[] values) {
            in.asIntBuffer().get(values);
            in.position(in.position() + 4 * count);
        } else if (data instanceof short[] values) {
            in.asShortBuffer().get(values);
            in.position(in.position() + 2 * count);
        } else if (data instanceof byte[] values) {
            in.get(values);
        } else if (data instanceof boolean[] values) {
            for (int i = 0; i < count; i++) {
                values[i] = in.get() != 0;
            }
        } else {
            String[] values = (String[]) data;
            for (int i = 0; i < count; i++) {
                values[i] = in.getInt(in.position()) < 0 ? skipNull(in) : getString(in);
            }
        }
        return data;
    }

    private static String skipNull(ByteBuffer in) {
        in.getInt();
        return null;
    }

    private static void putString(ByteBuffer out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.putInt(bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer in) {
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
