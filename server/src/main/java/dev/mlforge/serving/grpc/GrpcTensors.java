package dev.mlforge.serving.grpc;

import com.google.protobuf.ByteString;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.serving.DataType;
import dev.mlforge.serving.RawTensors;
import dev.mlforge.serving.Tensor;
import dev.mlforge.serving.grpc.v2.InferTensorContents;
import dev.mlforge.serving.grpc.v2.ModelInferRequest;
import dev.mlforge.serving.grpc.v2.ModelInferResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Converts tensors between the Open Inference Protocol's gRPC messages and mlforge's {@link Tensor}: typed
 * {@code contents} fields, or {@code raw_input_contents}/{@code raw_output_contents} (little-endian elements,
 * row-major; BYTES elements each preceded by a 4-byte little-endian length), as the specification defines them.
 */
final class GrpcTensors {
    private GrpcTensors() {}

    /**
     * A request input, its elements read from {@code raw} when not null, else from its typed contents; an FP32
     * input's from {@code fp32}, its {@code fp32_contents} as {@link ModelInferMarshaller} took them out.
     */
    static Tensor input(ModelInferRequest.InferInputTensor input, ByteString raw, float[] fp32) {
        String name = input.getName();
        if (name.isEmpty()) {
            throw MlforgeException.invalidParameter("Each input needs a 'name'");
        }
        DataType datatype = datatype(name, input.getDatatype());
        long[] shape = shape(name, input.getShapeList());
        int count = elementCount(name, shape);
        Object data = raw != null ? RawTensors.decode(name, datatype, raw.asReadOnlyByteBuffer(), count)
                : datatype == DataType.FP32 ? fp32 : fromContents(name, datatype, input.getContents());
        int given = java.lang.reflect.Array.getLength(data);
        if (given != count) {
            throw MlforgeException.invalidParameter("Input '" + name + "' has " + given + " values but shape "
                    + input.getShapeList() + " needs " + count);
        }
        return new Tensor(name, datatype, shape, data);
    }

    private static DataType datatype(String name, String text) {
        try {
            return DataType.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw MlforgeException.invalidParameter("Input '" + name + "' has no valid 'datatype' (got '" + text + "')");
        }
    }

    private static long[] shape(String name, List<Long> dims) {
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (dims.get(i) < 0) {
                throw MlforgeException.invalidParameter("Input '" + name + "' has an invalid shape " + dims);
            }
            shape[i] = dims.get(i);
        }
        return shape;
    }

    private static int elementCount(String name, long[] shape) {
        long count = 1;
        for (long dim : shape) {
            count *= dim;
            if (count > Integer.MAX_VALUE) {
                throw MlforgeException.invalidParameter("Input '" + name + "' has a shape too large");
            }
        }
        return (int) count;
    }

    private static Object fromContents(String name, DataType datatype, InferTensorContents contents) {
        return switch (datatype) {
            case BOOL -> {
                boolean[] values = new boolean[contents.getBoolContentsCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = contents.getBoolContents(i);
                }
                yield values;
            }
            case INT8, UINT8 -> {
                List<Integer> source = datatype == DataType.INT8 ? contents.getIntContentsList() : contents.getUintContentsList();
                byte[] values = new byte[source.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (byte) inRange(name, datatype, source.get(i), datatype == DataType.INT8 ? Byte.MIN_VALUE : 0,
                            datatype == DataType.INT8 ? Byte.MAX_VALUE : 0xFF);
                }
                yield values;
            }
            case INT16, UINT16 -> {
                List<Integer> source = datatype == DataType.INT16 ? contents.getIntContentsList() : contents.getUintContentsList();
                short[] values = new short[source.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (short) inRange(name, datatype, source.get(i), datatype == DataType.INT16 ? Short.MIN_VALUE : 0,
                            datatype == DataType.INT16 ? Short.MAX_VALUE : 0xFFFF);
                }
                yield values;
            }
            case INT32 -> contents.getIntContentsList().stream().mapToInt(Integer::intValue).toArray();
            case UINT32 -> contents.getUintContentsList().stream().mapToInt(Integer::intValue).toArray();
            case INT64 -> contents.getInt64ContentsList().stream().mapToLong(Long::longValue).toArray();
            case UINT64 -> contents.getUint64ContentsList().stream().mapToLong(Long::longValue).toArray();
            case FP64 -> contents.getFp64ContentsList().stream().mapToDouble(Double::doubleValue).toArray();
            case BYTES -> contents.getBytesContentsList().stream().map(bytes -> bytes.toString(StandardCharsets.UTF_8))
                    .toArray(String[]::new);
            case FP16, BF16 -> throw MlforgeException.invalidParameter("Input '" + name + "': " + datatype
                    + " has no typed contents field; send it in raw_input_contents");
            case FP32 -> throw new IllegalArgumentException("FP32 contents are read by ModelInferMarshaller");
        };
    }

    /**
     * A value of a 32-bit contents field that must fit a narrower type, refused (not truncated) when it does not, as
     * the JSON protocol refuses a number outside its datatype's range.
     */
    private static int inRange(String name, DataType datatype, int value, int min, int max) {
        if (value < min || value > max) {
            throw MlforgeException.invalidParameter("Input '" + name + "' has the value " + value + ", outside the range of "
                    + datatype + " (" + min + " to " + max + ")");
        }
        return value;
    }

    /** The output's name, datatype and shape, without its elements. */
    static ModelInferResponse.InferOutputTensor.Builder header(Tensor tensor) {
        ModelInferResponse.InferOutputTensor.Builder output = ModelInferResponse.InferOutputTensor.newBuilder()
                .setName(tensor.name()).setDatatype(tensor.datatype().name());
        for (long dim : tensor.shape()) {
            output.addShape(dim);
        }
        return output;
    }

    /** The tensor's elements in the typed field the specification gives its datatype. */
    static InferTensorContents contents(Tensor tensor) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        Object data = tensor.data();
        switch (tensor.datatype()) {
            case BOOL -> {
                for (boolean value : (boolean[]) data) {
                    contents.addBoolContents(value);
                }
            }
            case INT8 -> {
                for (byte value : (byte[]) data) {
                    contents.addIntContents(value);
                }
            }
            case UINT8 -> {
                for (byte value : (byte[]) data) {
                    contents.addUintContents(value & 0xFF);
                }
            }
            case INT16 -> {
                for (short value : (short[]) data) {
                    contents.addIntContents(value);
                }
            }
            case UINT16 -> {
                for (short value : (short[]) data) {
                    contents.addUintContents(value & 0xFFFF);
                }
            }
            case INT32 -> {
                for (int value : (int[]) data) {
                    contents.addIntContents(value);
                }
            }
            case UINT32 -> {
                for (int value : (int[]) data) {
                    contents.addUintContents(value);
                }
            }
            case INT64 -> {
                for (long value : (long[]) data) {
                    contents.addInt64Contents(value);
                }
            }
            case UINT64 -> {
                for (long value : (long[]) data) {
                    contents.addUint64Contents(value);
                }
            }
            case FP32 -> {
                for (float value : (float[]) data) {
                    contents.addFp32Contents(value);
                }
            }
            case FP64 -> {
                for (double value : (double[]) data) {
                    contents.addFp64Contents(value);
                }
            }
            case BYTES -> {
                for (String value : (String[]) data) {
                    contents.addBytesContents(ByteString.copyFromUtf8(value));
                }
            }
            case FP16, BF16 -> throw new IllegalArgumentException(tensor.datatype() + " has no typed contents field");
        }
        return contents.build();
    }

    /** The tensor's elements as raw little-endian bytes. */
    static ByteString raw(Tensor tensor) {
        return com.google.protobuf.UnsafeByteOperations.unsafeWrap(RawTensors.encode(tensor));
    }
}
