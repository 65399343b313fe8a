package dev.mlforge.serving;

import dev.mlforge.http.MlforgeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Checks requests against a signature, and joins and splits batches along the first dimension. */
final class Tensors {
    private Tensors() {}

    /** The inputs in signature order; 400 naming the input for a missing, unknown, mistyped or misshapen one. */
    static List<Tensor> checkInputs(ModelSignature signature, List<Tensor> inputs) {
        List<TensorSpec> specs = signature.inputs();
        if (inOrder(specs, inputs)) {
            // The usual request (every input, in the signature's order): checked in place, nothing copied.
            for (int i = 0; i < specs.size(); i++) {
                checkInput(specs.get(i), inputs.get(i));
            }
            return inputs;
        }
        List<Tensor> ordered = new ArrayList<>(specs.size());
        for (TensorSpec spec : specs) {
            Tensor input = named(inputs, spec.name());
            if (input == null) {
                throw MlforgeException.invalidParameter("Missing input '" + spec.name() + "' (the model takes "
                        + names(specs) + ")");
            }
            checkInput(spec, input);
            ordered.add(input);
        }
        for (Tensor input : inputs) {
            if (signature.input(input.name()) == null) {
                throw MlforgeException.invalidParameter("Unknown input '" + input.name() + "' (the model takes "
                        + names(signature.inputs()) + ")");
            }
        }
        return ordered;
    }

    private static boolean inOrder(List<TensorSpec> specs, List<Tensor> inputs) {
        if (specs.size() != inputs.size()) {
            return false;
        }
        for (int i = 0; i < specs.size(); i++) {
            if (!specs.get(i).name().equals(inputs.get(i).name())) {
                return false;
            }
        }
        return true;
    }

    private static Tensor named(List<Tensor> inputs, String name) {
        for (Tensor input : inputs) {
            if (input.name().equals(name)) {
                return input;
            }
        }
        return null;
    }

    private static void checkInput(TensorSpec spec, Tensor input) {
        if (input.datatype() != spec.datatype()) {
            throw MlforgeException.invalidParameter("Input '" + spec.name() + "' has datatype " + input.datatype()
                    + " but the model expects " + spec.datatype());
        }
        long[] shape = input.shape();
        boolean matches = shape.length == spec.shape().size() && shape.length > 0;
        for (int i = 0; matches && i < shape.length; i++) {
            long expected = spec.shape().get(i);
            matches = expected < 0 || expected == shape[i];
        }
        if (!matches) {
            throw MlforgeException.invalidParameter("Input '" + spec.name() + "' has shape " + Arrays.toString(shape)
                    + " but the model expects " + spec.shape() + " (-1 is any size)");
        }
        if (!spec.nanAllowed() && input.datatype().isFloatingPoint()) {
            int nan = firstNaN(input);
            if (nan >= 0) {
                throw MlforgeException.invalidParameter("Input '" + spec.name() + "' has NaN at element " + nan
                        + ", which the model's signature forbids (required column)");
            }
        }
    }

    /** The index of the first NaN element, or -1; FP32 and FP64 arrays are read without boxing each element. */
    private static int firstNaN(Tensor input) {
        if (input.data() instanceof float[] values) {
            for (int i = 0; i < values.length; i++) {
                if (Float.isNaN(values[i])) {
                    return i;
                }
            }
            return -1;
        }
        if (input.data() instanceof double[] values) {
            for (int i = 0; i < values.length; i++) {
                if (Double.isNaN(values[i])) {
                    return i;
                }
            }
            return -1;
        }
        for (int i = 0; i < input.length(); i++) {
            if (Double.isNaN(input.doubleAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> names(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::name).toList();
    }

    /** One row of zeros per input, for warming a model up before it takes traffic. */
    static List<Tensor> warmUpInputs(ModelSignature signature) {
        List<Tensor> inputs = new ArrayList<>();
        for (TensorSpec spec : signature.inputs()) {
            long[] shape = spec.shape().stream().mapToLong(dim -> dim < 0 ? 1 : dim).toArray();
            Object data = spec.datatype().allocate((int) Tensor.elementCount(shape));
            if (data instanceof String[] strings) {
                Arrays.fill(strings, "");
            }
            inputs.add(new Tensor(spec.name(), spec.datatype(), shape, data));
        }
        return inputs;
    }

    /** True when the two requests can share one model call: same inputs, datatypes and dimensions after the first. */
    static boolean batchable(List<Tensor> first, List<Tensor> other) {
        if (first.size() != other.size()) {
            return false;
        }
        for (int i = 0; i < first.size(); i++) {
            Tensor a = first.get(i);
            Tensor b = other.get(i);
            if (!a.name().equals(b.name()) || a.datatype() != b.datatype() || a.shape().length != b.shape().length
                    || a.shape().length == 0
                    || !Arrays.equals(a.shape(), 1, a.shape().length, b.shape(), 1, b.shape().length)) {
                return false;
            }
        }
        return true;
    }

    /** The tensors joined along the first dimension (all batchable). */
    static Tensor concat(List<Tensor> parts) {
        Tensor first = parts.get(0);
        int rows = parts.stream().mapToInt(Tensor::rows).sum();
        Object data = first.datatype().allocate(rows * first.rowSize());
        int offset = 0;
        for (Tensor part : parts) {
            System.arraycopy(part.data(), 0, data, offset, part.length());
            offset += part.length();
        }
        long[] shape = first.shape().clone();
        shape[0] = rows;
        return new Tensor(first.name(), first.datatype(), shape, data);
    }

    /** The tensor's values as {@code float[]} (the array itself for FP32), for runtimes that take FP32 matrices. */
    static float[] floats(Tensor tensor) {
        if (tensor.data() instanceof float[] values) {
            return values;
        }
        float[] values = new float[tensor.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) tensor.doubleAt(i);
        }
        return values;
    }

    /** The tensor's values as {@code double[]} (the array itself for FP64), for runtimes that take FP64 matrices. */
    static double[] doubles(Tensor tensor) {
        if (tensor.data() instanceof double[] values) {
            return values;
        }
        double[] values = new double[tensor.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = tensor.doubleAt(i);
        }
        return values;
    }
}
