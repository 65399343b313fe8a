package dev.mlforge.serving.python;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.serving.DataType;
import dev.mlforge.serving.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary payloads between the server and a Python worker (see {@code mlforge_worker.py}): a u16 tensor count,
 * then per tensor a u8 datatype code, u8 rank, i64 dimensions, u16 name length, UTF-8 name, u64 byte count and the
 * raw little-endian elements (BYTES: u32 length and UTF-8 bytes each). A batch costs one header, never JSON per row.
 */
final class Frames {
    /** Datatype codes are the positions here; BF16 has no numpy type and is refused. */
    private static final DataType[] CODES = {DataType.BOOL, DataType.UINT8, DataType.UINT16, DataType.UINT32,
            DataType.UINT64, DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64, DataType.FP16,
            DataType.FP32, DataType.FP64, null, DataType.BYTES};

    private Frames() {}

    /** The request payload for {@code tensors}. */
    static byte[] encode(List<Tensor> tensors) {
        List<byte[]> names = new ArrayList<>(tensors.size());
        List<byte[][]> strings = new ArrayList<>(tensors.size());
        int size = 2;
        for (Tensor tensor : tensors) {
            byte[] name = tensor.name().getBytes(StandardCharsets.UTF_8);
            byte[][] texts = tensor.data() instanceof String[] values ? utf8(values) : null;
            names.add(name);
            strings.add(texts);
            size += 2 + 8 * tensor.shape().length + 2 + name.length + 8 + dataBytes(tensor, texts);
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) tensors.size());
        for (int i = 0; i < tensors.size(); i++) {
            Tensor tensor = tensors.get(i);
            out.put((byte) code(tensor.datatype())).put((byte) tensor.shape().length);
            for (long dim : tensor.shape()) {
                out.putLong(dim);
            }
            out.putShort((short) names.get(i).length).put(names.get(i));
            out.putLong(dataBytes(tensor, strings.get(i)));
            putData(out, tensor.data(), strings.get(i));
        }
        return out.array();
    }

    /** The tensors of an answer payload, starting at {@code offset}. */
    static List<Tensor> decode(byte[] payload, int offset) {
        ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        in.position(offset);
        int count = Short.toUnsignedInt(in.getShort());
        List<Tensor> tensors = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            int code = Byte.toUnsignedInt(in.get());
            DataType datatype = code < CODES.length ? CODES[code] : null;
            if (datatype == null) {
                throw MlforgeException.invalidState("The Python worker answered unknown datatype code " + code);
            }
            long[] shape = new long[Byte.toUnsignedInt(in.get())];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = in.getLong();
            }
            byte[] name = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(name);
            int bytes = (int) in.getLong();
            long elements = 1;
            for (long dim : shape) {
                elements *= dim;
            }
            Object data = readData(in, datatype, (int) elements, bytes);
            tensors.add(new Tensor(new String(name, StandardCharsets.UTF_8), datatype, shape, data));
        }
        return tensors;
    }

    private static int code(DataType datatype) {
        for (int i = 0; i < CODES.length; i++) {
            if (CODES[i] == datatype) {
                return i;
            }
        }
        throw MlforgeException.invalidParameter("Python models take no " + datatype + " tensors");
    }

    private static byte[][] utf8(String[] values) {
        byte[][] encoded = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            encoded[i] = (values[i] == null ? "" : values[i]).getBytes(StandardCharsets.UTF_8);
        }
        return encoded;
    }

    private static long dataBytes(Tensor tensor, byte[][] texts) {
        if (texts != null) {
            long size = 0;
            for (byte[] text : texts) {
                size += 4 + text.length;
            }
            return size;
        }
        return (long) tensor.length() * width(tensor.datatype());
    }

    private static int width(DataType datatype) {
        return switch (datatype) {
            case BOOL, UINT8, INT8 -> 1;
            case UINT16, INT16, FP16, BF16 -> 2;
            case UINT32, INT32, FP32 -> 4;
            default -> 8;
        };
    }

    private static void putData(ByteBuffer out, Object data, byte[][] texts) {
        if (texts != null) {
            for (byte[] text : texts) {
                out.putInt(text.length).put(text);
            }
        } else if (data instanceof double[] values) {
            out.asDoubleBuffer().put(values);
            out.position(out.position() + values.length * 8);
        } else if (data instanceof float[] values) {
            out.asFloatBuffer().put(values);
            out.position(out.position() + values.length * 4);
        } else if (data instanceof long[] values) {
            out.asLongBuffer().put(values);
            out.position(out.position() + values.length * 8);
        } else if (data instanceof int[] values) {
            out.asIntBuffer().put(values);
            out.position(out.position() + values.length * 4);
        } else if (data instanceof short[] values) {
            out.asShortBuffer().put(values);
            out.position(out.position() + values.length * 2);
        } else if (data instanceof byte[] values) {
            out.put(values);
        } else if (data instanceof boolean[] values) {
            for (boolean value : values) {
                out.put((byte) (value ? 1 : 0));
            }
        }
    }

    private static Object readData(ByteBuffer in, DataType datatype, int elements, int bytes) {
        int end = in.position() + bytes;
        Object data = switch (datatype) {
            case FP64 -> { double[] values = new double[elements]; in.asDoubleBuffer().get(values); yield values; }
            case FP32 -> { float[] values = new float[elements]; in.asFloatBuffer().get(values); yield values; }
            case INT64, UINT64 -> { long[] values = new long[elements]; in.asLongBuffer().get(values); yield values; }
            case INT32, UINT32 -> { int[] values = new int[elements]; in.asIntBuffer().get(values); yield values; }
            case INT16, UINT16, FP16 -> { short[] values = new short[elements]; in.asShortBuffer().get(values); yield values; }
            case INT8, UINT8 -> { byte[] values = new byte[elements]; in.get(values); yield values; }
            case BOOL -> {
                boolean[] values = new boolean[elements];
                for (int i = 0; i < elements; i++) {
                    values[i] = in.get() != 0;
                }
                yield values;
            }
            default -> readStrings(in, elements);
        };
        in.position(end);
        return data;
    }

    private static String[] readStrings(ByteBuffer in, int elements) {
        String[] values = new String[elements];
        for (int i = 0; i < elements; i++) {
            byte[] text = new byte[in.getInt()];
            in.get(text);
            values[i] = new String(text, StandardCharsets.UTF_8);
        }
        return values;
    }
}
