package org.sae4j.tensor;

/**
 * Pure-Java kernels. The inner loops are written as {@code c[j] += s * b[j]} over contiguous rows, the
 * shape HotSpot's C2 compiler turns into SIMD code, and zero multipliers are skipped because sparse codes
 * (ReLU, TopK) are mostly zeros. (So a NaN or infinity in {@code b} facing a zero in {@code a} does not
 * spread as it would in a plain product; data and gradients are checked for finiteness elsewhere.)
 * Large products are split across cores by output rows, so each output value is still summed by one
 * thread in one fixed order: results do not depend on the thread count. The fallback when the Vector API
 * module is not available.
 */
public final class JavaKernels implements Kernels {

    public static final JavaKernels INSTANCE = new JavaKernels();

    private JavaKernels() {
    }

    @Override
    public double peakGflops(double seconds) {
        return PeakFlops.measure(seconds, PeakFlops::scalar);
    }

    @Override
    public String name() {
        return "java (auto-vectorised loops, " + Runtime.getRuntime().availableProcessors() + " threads)";
    }

    @Override
    public void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        ParallelRows.run(m, 1, (long) m * k * n, (from, to) -> {
            for (int i = from; i < to; i++) {
                int ci = i * n;
                if (!accumulate) {
                    java.util.Arrays.fill(c, ci, ci + n, 0f);
                }
                int ai = i * k;
                for (int p = 0; p < k; p++) {
                    float s = a[ai + p];
                    if (s != 0f) {
                        axpy(s, b, p * n, c, ci, n);
                    }
                }
            }
        });
    }

    @Override
    public void matmulTransB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        // A dot-product loop would not vectorise (Java keeps float sums in order), so transpose b once
        // (n×k, cheap next to m×n×k) and reuse the row-broadcast kernel.
        matmul(a, Transpose.of(b, n, k), c, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        // Split over rows of c (columns of a) so every c value is summed over i by one thread, in order.
        ParallelRows.run(k, 1, (long) m * k * n, (from, to) -> {
            if (!accumulate) {
                java.util.Arrays.fill(c, from * n, to * n, 0f);
            }
            for (int i = 0; i < m; i++) {
                int ai = i * k;
                int bi = i * n;
                for (int p = from; p < to; p++) {
                    float s = a[ai + p];
                    if (s != 0f) {
                        axpy(s, b, bi, c, p * n, n);
                    }
                }
            }
        });
    }

    @Override
    public void columnSums(float[] a, float[] out, int m, int n, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(out, 0, n, 0f);
        }
        for (int i = 0; i < m; i++) {
            axpy(1f, a, i * n, out, 0, n);
        }
    }

    @Override
    public void addToRows(float[] a, float[] v, int m, int n) {
        // Element-wise, so any split gives the same bits; a 1024 × 16384 pre-activation is worth two cores.
        ParallelRows.run(m, 1, (long) m * n, (from, to) -> {
            for (int i = from; i < to; i++) {
                axpy(1f, v, 0, a, i * n, n);
            }
        });
    }

    @Override
    public void sigmoid(float[] z, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
        }
    }

    @Override
    public void tanh(float[] z, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            // StrictMath: newer JDKs intrinsify Math.tanh, which may round differently once compiled.
            out[i] = (float) StrictMath.tanh(z[i]);
        }
    }

    /** y[yo..yo+n) += s * x[xo..xo+n): the one loop everything above is built on. */
    private static void axpy(float s, float[] x, int xo, float[] y, int yo, int n) {
        for (int j = 0; j < n; j++) {
            y[yo + j] += s * x[xo + j];
        }
    }
}
