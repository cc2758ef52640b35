package org.sae4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK's Vector API (jdk.incubator.vector), used when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (the {@code sae4j} launcher and the tests do).
 *
 * <p>All three products are one register-blocked micro-kernel ({@link VectorTiles}): a tile of 8 output rows
 * × 2 vectors (4 rows on AVX2) stays in accumulator registers while the shared dimension streams by, so each
 * loaded vector of {@code b} feeds eight fused multiply-adds and {@code c} is read and written once per tile,
 * not once per term. Auto-vectorised loops cannot keep accumulators in registers like this. The operands are
 * packed and the work split over cores by {@link BlockedProduct}; each c element is one chain of fused
 * multiply-adds in term order, so results do not depend on the thread count.
 */
final class VectorKernels implements Kernels {
    static final VectorKernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    private VectorKernels() {
    }

    @Override
    public String name() {
        return "vector (jdk.incubator.vector, " + L * 32 + "-bit FMA, "
                + Runtime.getRuntime().availableProcessors() + " threads)";
    }

    @Override
    public void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        // c[i, j] += Σ_p a[i, p] · b[p, j]: output row i reads a at i·k + p.
        BlockedProduct.run(a, k, 1, b, false, c, m, k, n, accumulate);
    }

    @Override
    public void matmulTransB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        BlockedProduct.run(a, k, 1, b, true, c, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        // c[p, j] += Σ_i a[i, p] · b[i, j]: output row p reads a at p + i·k.
        BlockedProduct.run(a, 1, k, b, false, c, k, m, n, accumulate);
    }

    @Override
    public void columnSums(float[] a, float[] out, int m, int n, boolean accumulate) {
        JavaKernels.INSTANCE.columnSums(a, out, m, n, accumulate);
    }

    @Override
    public void addToRows(float[] a, float[] v, int m, int n) {
        JavaKernels.INSTANCE.addToRows(a, v, m, n);
    }

    /*
     * No lanewise TANH or EXP here: the JIT swaps the Vector API's scalar fallback for SVML-style
     * intrinsics once a loop gets hot, and the two round differently, so a model's bytes depended on
     * when compilation happened. The scalar double-precision forms give the same bits every run.
     */
    @Override
    public void sigmoid(float[] z, float[] out, int n) {
        JavaKernels.INSTANCE.sigmoid(z, out, n);
    }

    @Override
    public void tanh(float[] z, float[] out, int n) {
        JavaKernels.INSTANCE.tanh(z, out, n);
    }

    /**
     * y[yo + j] += s · x[xo + j] for j &lt; n, as a multiply then an add (no fused multiply-add), so every
     * element gets the same two roundings as the scalar loop and the bits equal {@link SparseKernels}' plain
     * form. C2 on JDK 17 does not vectorise that loop (measured 3-4x slower on the sparse decode).
     */
    static void axpy(float s, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector sv = FloatVector.broadcast(SPECIES, s);
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector.fromArray(SPECIES, y, yo + j).add(FloatVector.fromArray(SPECIES, x, xo + j).mul(sv))
                    .intoArray(y, yo + j);
        }
        for (; j < n; j++) {
            y[yo + j] += s * x[xo + j];
        }
    }

    /**
     * Σ a[ao + j]·b[bo + j] for j &lt; n: two vector accumulators, then their lanes and the tail summed in
     * index order (not reduceLanes, whose order the API leaves open), so the bits are fixed.
     */
    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = FloatVector.zero(SPECIES);
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            s0 = FloatVector.fromArray(SPECIES, a, ao + j).fma(FloatVector.fromArray(SPECIES, b, bo + j), s0);
            s1 = FloatVector.fromArray(SPECIES, a, ao + j + L).fma(FloatVector.fromArray(SPECIES, b, bo + j + L), s1);
        }
        float[] lanes = new float[L];
        s0.add(s1).intoArray(lanes, 0);
        float s = 0f;
        for (int i = 0; i < L; i++) {
            s += lanes[i];
        }
        for (; j < n; j++) {
            s += a[ao + j] * b[bo + j];
        }
        return s;
    }
}
