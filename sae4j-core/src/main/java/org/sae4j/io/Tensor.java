package org.sae4j.io;

import java.util.Arrays;
import org.sae4j.format.NumberType;
import org.sae4j.format.Shapes;

/**
 * A named-file tensor held as plain floats. {@code dtype} records the on-disk type it was read from
 * (F32, F64, F16, BF16, I32, I64); the values are always converted to float so callers never branch on it.
 * A scalar has shape {@code []} and one element. The data array is shared, not copied, because tensors
 * can be hundreds of megabytes.
 */
public record Tensor(String dtype, long[] shape, float[] data) {

    public Tensor {
        if (dtype == null || shape == null || data == null) {
            throw new IllegalArgumentException("Tensor dtype, shape and data must not be null.");
        }
        NumberType.ofSafetensors(dtype).orElseThrow(() -> new IllegalArgumentException("Tensor dtype '" + dtype
                + "' is not supported; expected one of " + NumberType.safetensorsNames(NumberType.SAFETENSORS) + "."));
        shape = shape.clone();
        long n = Shapes.numel(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("Tensor shape " + Arrays.toString(shape) + " holds " + n
                    + " elements but data has " + data.length + ".");
        }
    }

    /** An F32 tensor, the only type sae4j writes. */
    public static Tensor f32(float[] data, long... shape) {
        return new Tensor("F32", shape, data);
    }

    // Records compare arrays by identity; tensors should compare by content (bitwise for floats).
    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && dtype.equals(t.dtype) && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    // Never print the data: it can be millions of floats.
    @Override
    public String toString() {
        return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
