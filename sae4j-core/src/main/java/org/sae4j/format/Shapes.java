package org.sae4j.format;

/** Arithmetic on tensor shapes that a crafted header cannot overflow. */
public final class Shapes {
    private Shapes() {
    }

    /** Element count of a shape (1 for a scalar's []); -1 if a dimension is negative or the product overflows a long. */
    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return n;
    }
}
