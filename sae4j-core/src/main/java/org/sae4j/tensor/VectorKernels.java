package org.sae4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK's Vector API (jdk.incubator.vector), used when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (the {@code sae4j} launcher and the tests do).
 *
 * <p>All three products are one register-blocked micro-kernel ({@link VectorTiles}): a tile of 8 output rows
 * × 2 vectors (6 rows where the JVM has 16 vector registers, as on AVX2: {@link TileShape}) stays in accumulator
 * registers while the shared dimension streams by, so each loaded vector of {@code b} feeds eight (six) fused
 * multiply-adds and {@code c} is read and written once per tile,
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
    public double peakGflops(double seconds) {
        return PeakFlops.measure(seconds, VectorKernels::fmaChains);
    }

    /** Twelve independent vector FMA chains: more in flight than FMA latency × units on current x86 cores. */
    private static long fmaChains(long rounds) {
        FloatVector a0 = FloatVector.broadcast(SPECIES, 1f);
        FloatVector a1 = FloatVector.broadcast(SPECIES, 2f);
        FloatVector a2 = FloatVector.broadcast(SPECIES, 3f);
        FloatVector a3 = FloatVector.broadcast(SPECIES, 4f);
        FloatVector a4 = FloatVector.broadcast(SPECIES, 5f);
        FloatVector a5 = FloatVector.broadcast(SPECIES, 6f);
        FloatVector a6 = FloatVector.broadcast(SPECIES, 7f);
        FloatVector a7 = FloatVector.broadcast(SPECIES, 8f);
        FloatVector a8 = FloatVector.broadcast(SPECIES, 9f);
        FloatVector a9 = FloatVector.broadcast(SPECIES, 10f);
        FloatVector a10 = FloatVector.broadcast(SPECIES, 11f);
        FloatVector a11 = FloatVector.broadcast(SPECIES, 12f);
        FloatVector m = FloatVector.broadcast(SPECIES, 0.999999f);
        FloatVector c = FloatVector.broadcast(SPECIES, 1e-7f);
        for (int i = 0; i < (int) rounds; i++) { // an int counter: C2 unrolls counted int loops only
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        float sum = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        return 12 * rounds * L + (sum == 0 ? 1 : 0);
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
