package dev.mlforge.serving;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * A named, typed, row-major tensor. {@code data} is the primitive array {@link DataType} names for the datatype
 * (for example {@code float[]} for FP32) and holds the product of {@code shape} elements.
 */
public record Tensor(String name, DataType datatype, long[] shape, Object data) {

    public Tensor {
        if (Array.getLength(data) != elementCount(shape)) {
            throw new IllegalArgumentException("Tensor " + name + " has " + Array.getLength(data)
                    + " elements but shape " + Arrays.toString(shape));
        }
    }

    static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        return count;
    }

    /** Rows along the first dimension (1 for a scalar). */
    public int rows() {
        return shape.length == 0 ? 1 : (int) shape[0];
    }

    /** Elements in one row. */
    int rowSize() {
        return shape.length == 0 || shape[0] == 0 ? 0 : Array.getLength(data) / (int) shape[0];
    }

    public int length() {
        return Array.getLength(data);
    }

    /** The element at flat index {@code index}, boxed (for JSON and logging). */
    public Object element(int index) {
        return Array.get(data, index);
    }

    double doubleAt(int index) {
        Object value = Array.get(data, index);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        return Double.NaN;
    }

    Tensor renamed(String newName) {
        return new Tensor(newName, datatype, shape, data);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) as a new tensor. */
    Tensor rows(int from, int to) {
        int rowSize = rowSize();
        Object slice = datatype.allocate((to - from) * rowSize);
        System.arraycopy(data, from * rowSize, slice, 0, (to - from) * rowSize);
        long[] sliceShape = shape.clone();
        sliceShape[0] = to - from;
        return new Tensor(name, datatype, sliceShape, slice);
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + datatype + " " + Arrays.toString(shape) + "]";
    }
}
