package dev.mlforge.serving;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An ONNX model run by ONNX Runtime. Every native tensor it creates is closed before {@link #predict} returns. */
final class OnnxPredictor implements Predictor {
    /** FP32 inputs up to this size go through a direct buffer kept per thread, larger ones through the runtime's copy. */
    private static final int REUSED_INPUT_BYTES = 256 << 10;
    private static final ThreadLocal<ByteBuffer> INPUT_BUFFER = new ThreadLocal<>();

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final ModelSignature signature;

    private OnnxPredictor(OrtSession session, ModelSignature signature) {
        this.session = session;
        this.signature = signature;
    }

    /** Loads {@code file}; the names, types and shapes come from the graph. */
    static OnnxPredictor load(Path file) {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString(), options);
            ModelSignature signature = new ModelSignature("onnx_onnxv1", specs(session.getInputInfo()),
                    specs(session.getOutputInfo()), List.of());
            return new OnnxPredictor(session, signature);
        } catch (OrtException e) {
            // The runtime's message names the file by its absolute path: keep its reason, not the path.
            throw new MlforgeException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot load ONNX model " + file.getFileName()
                    + ", it is not a valid ONNX model: " + e.getMessage().replace(file.toAbsolutePath().toString(),
                            file.getFileName().toString()).replace(file.toString(), file.getFileName().toString()), e);
        }
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> nodes) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (node.getInfo() instanceof TensorInfo info) {
                List<Long> shape = Arrays.stream(info.getShape()).boxed().toList();
                specs.add(new TensorSpec(node.getName(), datatype(info.onnxType), shape, true));
            }
        }
        return specs;
    }

    private static DataType datatype(TensorInfo.OnnxTensorType type) {
        return switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> DataType.FP32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> DataType.FP64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> DataType.INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> DataType.UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> DataType.INT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> DataType.UINT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> DataType.INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> DataType.UINT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> DataType.INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> DataType.UINT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> DataType.BOOL;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> DataType.BYTES;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> DataType.FP16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> DataType.BF16;
            default -> throw MlforgeException.invalidParameter("Unsupported ONNX tensor type " + type);
        };
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        Map<String, OnnxTensor> feed = new HashMap<>();
        ByteBuffer reused = reusedInputBuffer(inputs);
        try {
            for (Tensor input : inputs) {
                if (reused != null && input.data() instanceof float[] values) {
                    FloatBuffer direct = reused.slice().order(ByteOrder.nativeOrder()).asFloatBuffer().put(values).flip();
                    reused.position(reused.position() + 4 * values.length);
                    feed.put(input.name(), OnnxTensor.createTensor(environment, direct, input.shape()));
                } else {
                    feed.put(input.name(), toOnnx(input));
                }
            }
            try (OrtSession.Result result = session.run(feed)) {
                List<Tensor> outputs = new ArrayList<>();
                for (TensorSpec spec : signature.outputs()) {
                    OnnxValue value = result.get(spec.name()).orElseThrow();
                    outputs.add(fromOnnx(spec.name(), spec.datatype(), (OnnxTensor) value));
                }
                return outputs;
            }
        } catch (OrtException e) {
            throw MlforgeException.invalidParameter("The model rejected the input: " + e.getMessage());
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * This thread's direct buffer for the call's FP32 inputs, or null when they are over {@link #REUSED_INPUT_BYTES}.
     * The runtime reads a direct native-order buffer in place; given a {@code float[]} it allocates a new direct buffer
     * (malloc, zeroing, a cleaner) and copies into it on every call. The tensors over it are closed before
     * {@link #predict} returns, so the next call on this thread may overwrite it.
     */
    private static ByteBuffer reusedInputBuffer(List<Tensor> inputs) {
        long bytes = 0;
        for (Tensor input : inputs) {
            if (input.data() instanceof float[] values) {
                bytes += 4L * values.length;
            }
        }
        if (bytes == 0 || bytes > REUSED_INPUT_BYTES) {
            return null;
        }
        ByteBuffer buffer = INPUT_BUFFER.get();
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect((int) Math.max(bytes, 4096)).order(ByteOrder.nativeOrder());
            INPUT_BUFFER.set(buffer);
        }
        return buffer.clear();
    }

    private OnnxTensor toOnnx(Tensor tensor) throws OrtException {
        long[] shape = tensor.shape();
        Object data = tensor.data();
        return switch (tensor.datatype()) {
            case FP32 -> OnnxTensor.createTensor(environment, FloatBuffer.wrap((float[]) data), shape);
            case FP64 -> OnnxTensor.createTensor(environment, DoubleBuffer.wrap((double[]) data), shape);
            case INT64, UINT64 -> OnnxTensor.createTensor(environment, LongBuffer.wrap((long[]) data), shape);
            case INT32, UINT32 -> OnnxTensor.createTensor(environment, IntBuffer.wrap((int[]) data), shape);
            case INT16, UINT16, FP16, BF16 -> OnnxTensor.createTensor(environment, ShortBuffer.wrap((short[]) data), shape,
                    javaType(tensor.datatype()));
            case INT8 -> OnnxTensor.createTensor(environment, ByteBuffer.wrap((byte[]) data), shape, OnnxJavaType.INT8);
            case UINT8 -> OnnxTensor.createTensor(environment, ByteBuffer.wrap((byte[]) data), shape, OnnxJavaType.UINT8);
            case BOOL -> OnnxTensor.createTensor(environment, booleanBytes((boolean[]) data), shape, OnnxJavaType.BOOL);
            case BYTES -> OnnxTensor.createTensor(environment, (String[]) data, shape);
        };
    }

    private static OnnxJavaType javaType(DataType datatype) {
        return switch (datatype) {
            case FP16 -> OnnxJavaType.FLOAT16;
            case BF16 -> OnnxJavaType.BFLOAT16;
            case UINT16 -> OnnxJavaType.INT16;
            default -> OnnxJavaType.INT16;
        };
    }

    private static ByteBuffer booleanBytes(boolean[] values) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(values.length).order(ByteOrder.nativeOrder());
        for (boolean value : values) {
            buffer.put((byte) (value ? 1 : 0));
        }
        return buffer.rewind();
    }

    private static Tensor fromOnnx(String name, DataType datatype, OnnxTensor value) throws OrtException {
        long[] shape = value.getInfo().getShape();
        int count = (int) Tensor.elementCount(shape);
        Object data = datatype.allocate(count);
        switch (datatype) {
            case FP32 -> value.getFloatBuffer().get((float[]) data);
            case FP64 -> value.getDoubleBuffer().get((double[]) data);
            case INT64, UINT64 -> value.getLongBuffer().get((long[]) data);
            case INT32, UINT32 -> value.getIntBuffer().get((int[]) data);
            case INT16, UINT16, FP16, BF16 -> value.getShortBuffer().get((short[]) data);
            case INT8, UINT8 -> value.getByteBuffer().get((byte[]) data);
            case BOOL -> {
                ByteBuffer bytes = value.getByteBuffer();
                for (int i = 0; i < count; i++) {
                    ((boolean[]) data)[i] = bytes.get(i) != 0;
                }
            }
            case BYTES -> flattenStrings(value.getValue(), (String[]) data, 0);
        }
        return new Tensor(name, datatype, shape, data);
    }

    private static int flattenStrings(Object nested, String[] target, int offset) {
        if (nested instanceof String text) {
            target[offset] = text;
            return offset + 1;
        }
        int next = offset;
        for (int i = 0; i < Array.getLength(nested); i++) {
            next = flattenStrings(Array.get(nested, i), target, next);
        }
        return next;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw MlforgeException.invalidState("Cannot close ONNX session: " + e.getMessage());
        }
    }
}
