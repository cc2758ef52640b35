package org.sae4j.tensor;

/**
 * The hot math, kept behind one small interface so a faster backend (Vector API, native BLAS, GPU) can be
 * swapped in without touching layers. All matrices are dense, row-major float arrays; {@code accumulate}
 * adds into {@code c} instead of overwriting it, which saves a temporary for gradient sums.
 *
 * <p>Implementations must be deterministic: the same inputs give the same bits whatever the thread count,
 * because the project promises same seed, same model.
 */
public interface Kernels {

    /**
     * GFLOP/s of independent multiply-adds held in registers on every thread for about {@code seconds}: the roof this
     * backend's products are measured against ({@code sae4j bench --gemm}).
     */
    double peakGflops(double seconds);

    /** c[m×n] (+)= a[m×k] · b[k×n]. */
    void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /** c[m×n] (+)= a[m×k] · b[n×k]ᵀ. */
    void matmulTransB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /** c[k×n] (+)= a[m×k]ᵀ · b[m×n]. */
    void matmulTransA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /** out[j] (+)= Σ_i a[i×n + j]: column sums, the bias gradient. */
    void columnSums(float[] a, float[] out, int m, int n, boolean accumulate);

    /** a[i×n + j] += v[j] for every row i: the bias broadcast. */
    void addToRows(float[] a, float[] v, int m, int n);

    /** out[i] = 1 / (1 + e^(−z[i])) for i &lt; n; {@code out} may be {@code z}. */
    void sigmoid(float[] z, float[] out, int n);

    /** out[i] = tanh(z[i]) for i &lt; n; {@code out} may be {@code z}. */
    void tanh(float[] z, float[] out, int n);

    /** A short name for {@code info} and benchmark output. */
    String name();

    /**
     * The backend used unless a caller picks another: {@link VectorKernels} when the JVM was started with
     * {@code --add-modules jdk.incubator.vector}, else {@link JavaKernels}. The system property
     * {@code sae4j.kernels} or the environment variable {@code SAE4J_KERNELS} ({@code java} or
     * {@code vector}) forces one. Backends round differently (fused multiply-add or not), so the same seed
     * gives the same model on the same backend.
     */
    static Kernels defaults() {
        return KernelSelection.DEFAULT;
    }
}
