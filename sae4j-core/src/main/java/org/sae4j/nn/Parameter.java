package org.sae4j.nn;

/**
 * A trainable tensor and its gradient, as flat row-major arrays.
 *
 * @param name        stable name, used as the tensor name in model files
 * @param shape       logical shape, e.g. [in, out] for a dense kernel
 * @param value       the values, updated in place by optimizers
 * @param grad        the gradient of the loss, same length as value
 * @param isKernel    true for weight matrices (which weight penalties apply to), false for biases
 */
public record Parameter(String name, int[] shape, float[] value, float[] grad, boolean isKernel) {

    public Parameter(String name, int[] shape, boolean isKernel) {
        this(name, shape, new float[size(shape)], new float[size(shape)], isKernel);
    }

    public int size() {
        return value.length;
    }

    /** Zeroes the gradient, split over the cores when large (one core does not fill memory's write bandwidth). */
    public void zeroGrad() {
        float[] g = grad;
        org.sae4j.tensor.ParallelRows.run(g.length, 1 << 16, g.length,
                (from, to) -> java.util.Arrays.fill(g, from, to, 0f));
    }

    /**
     * Refuses a shape whose element count does not fit a Java array, with a sentence rather than an
     * arithmetic-overflow trace (a width of 10^8 latents is a typo, not a model).
     */
    public static void requireSize(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new org.sae4j.InvalidInputException("A parameter of shape " + java.util.Arrays.toString(shape)
                        + " has more than 2^31 values, more than a Java array holds; use a smaller width.");
            }
        }
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
