package org.sae4j.tensor;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK's Vector API (jdk.incubator.vector), used when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (the {@code sae4j} launcher and the tests do).
 *
 * <p>Both products are one register-blocked micro-kernel: a tile of 4 output rows × 2 vectors stays in
 * eight accumulator registers while the shared dimension streams by, so each loaded vector of {@code b}
 * feeds four fused multiply-adds and {@code c} is read and written once per tile, not once per term.
 * Auto-vectorised loops cannot keep accumulators in registers like this. Work is split across cores by
 * output rows in blocks aligned to the tile height, so results do not depend on the thread count.
 */
final class VectorKernels implements Kernels {
    static final VectorKernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    private static final int TILE_ROWS = 4;
    /** Columns per micro-kernel tile: two vectors. */
    private static final int PANEL = 2 * L;

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
        float[] panels = pack(b, k, n);
        ParallelRows.run(m, TILE_ROWS, (long) m * k * n, (from, to) ->
                product(a, k, 1, b, panels, c, from, to, k, n, accumulate));
    }

    @Override
    public void matmulTransB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        matmul(a, Transpose.of(b, n, k), c, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        // c[p, j] += Σ_i a[i, p] · b[i, j]: output row p reads a at p + i·k.
        float[] panels = pack(b, m, n);
        ParallelRows.run(k, TILE_ROWS, (long) m * k * n, (from, to) ->
                product(a, 1, k, b, panels, c, from, to, m, n, accumulate));
    }

    @Override
    public void columnSums(float[] a, float[] out, int m, int n, boolean accumulate) {
        JavaKernels.INSTANCE.columnSums(a, out, m, n, accumulate);
    }

    @Override
    public void addToRows(float[] a, float[] v, int m, int n) {
        JavaKernels.INSTANCE.addToRows(a, v, m, n);
    }

    /**
     * σ(z) = ½ + ½·tanh(z/2): one vectorised transcendental per lane (the JDK maps it to SVML-style
     * intrinsics), accurate in float near 0 and saturating cleanly, unlike 1/(1+e^(−z)) for large |z|.
     */
    @Override
    public void sigmoid(float[] z, float[] out, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(SPECIES, z, i).mul(0.5f).lanewise(VectorOperators.TANH);
            v.fma(0.5f, 0.5f).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = (float) (0.5 + 0.5 * Math.tanh(0.5 * z[i]));
        }
    }

    @Override
    public void tanh(float[] z, float[] out, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(SPECIES, z, i).lanewise(VectorOperators.TANH).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = (float) Math.tanh(z[i]);
        }
    }

    /**
     * Copies b [terms × n] into panels of {@code PANEL} columns, each stored [terms × PANEL] contiguously, so
     * the micro-kernel streams through memory instead of jumping a whole row of b per term (which defeats
     * the caches and prefetchers once rows are thousands of floats long). Columns past the last whole panel
     * are read from b itself.
     */
    private static float[] pack(float[] b, int terms, int n) {
        int panels = n / PANEL;
        float[] packed = new float[panels * terms * PANEL];
        for (int p = 0; p < panels; p++) {
            int base = p * terms * PANEL;
            for (int t = 0; t < terms; t++) {
                System.arraycopy(b, t * n + p * PANEL, packed, base + t * PANEL, PANEL);
            }
        }
        return packed;
    }

    /**
     * c[r, j] (+)= Σ_t A(r, t) · b[t·n + j] for output rows r in [from, to), where
     * A(r, t) = a[r·rowStride + t·termStride] and t runs over [0, terms); {@code panels} is b packed.
     */
    private static void product(float[] a, int rowStride, int termStride, float[] b, float[] panels, float[] c,
                                int from, int to, int terms, int n, boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(c, from * n, to * n, 0f);
        }
        int r = from;
        for (; r + TILE_ROWS <= to; r += TILE_ROWS) {
            fourRows(a, r * rowStride, rowStride, termStride, b, panels, c, r * n, terms, n);
        }
        for (; r < to; r++) {
            columnsFrom(0, a, r * rowStride, termStride, b, c, r * n, terms, n);
        }
    }

    private static void fourRows(float[] a, int a0, int rowStride, int termStride, float[] b, float[] panels,
                                 float[] c, int c0, int terms, int n) {
        int c1 = c0 + n;
        int c2 = c1 + n;
        int c3 = c2 + n;
        int j = 0;
        for (int base = 0; j + PANEL <= n; j += PANEL, base += terms * PANEL) {
            FloatVector x0 = FloatVector.fromArray(SPECIES, c, c0 + j);
            FloatVector y0 = FloatVector.fromArray(SPECIES, c, c0 + j + L);
            FloatVector x1 = FloatVector.fromArray(SPECIES, c, c1 + j);
            FloatVector y1 = FloatVector.fromArray(SPECIES, c, c1 + j + L);
            FloatVector x2 = FloatVector.fromArray(SPECIES, c, c2 + j);
            FloatVector y2 = FloatVector.fromArray(SPECIES, c, c2 + j + L);
            FloatVector x3 = FloatVector.fromArray(SPECIES, c, c3 + j);
            FloatVector y3 = FloatVector.fromArray(SPECIES, c, c3 + j + L);
            for (int t = 0; t < terms; t++) {
                int at = a0 + t * termStride;
                FloatVector bx = FloatVector.fromArray(SPECIES, panels, base + t * PANEL);
                FloatVector by = FloatVector.fromArray(SPECIES, panels, base + t * PANEL + L);
                FloatVector s0 = FloatVector.broadcast(SPECIES, a[at]);
                FloatVector s1 = FloatVector.broadcast(SPECIES, a[at + rowStride]);
                FloatVector s2 = FloatVector.broadcast(SPECIES, a[at + 2 * rowStride]);
                FloatVector s3 = FloatVector.broadcast(SPECIES, a[at + 3 * rowStride]);
                x0 = bx.fma(s0, x0);
                y0 = by.fma(s0, y0);
                x1 = bx.fma(s1, x1);
                y1 = by.fma(s1, y1);
                x2 = bx.fma(s2, x2);
                y2 = by.fma(s2, y2);
                x3 = bx.fma(s3, x3);
                y3 = by.fma(s3, y3);
            }
            x0.intoArray(c, c0 + j);
            y0.intoArray(c, c0 + j + L);
            x1.intoArray(c, c1 + j);
            y1.intoArray(c, c1 + j + L);
            x2.intoArray(c, c2 + j);
            y2.intoArray(c, c2 + j + L);
            x3.intoArray(c, c3 + j);
            y3.intoArray(c, c3 + j + L);
        }
        if (j < n) {
            for (int row = 0; row < TILE_ROWS; row++) {
                columnsFrom(j, a, a0 + row * rowStride, termStride, b, c, c0 + row * n, terms, n);
            }
        }
    }

    /** One output row, columns [j0, n): a vector at a time, then scalars for the last few. */
    private static void columnsFrom(int j0, float[] a, int a0, int termStride, float[] b, float[] c, int c0,
                                    int terms, int n) {
        int j = j0;
        for (; j + L <= n; j += L) {
            FloatVector x = FloatVector.fromArray(SPECIES, c, c0 + j);
            for (int t = 0; t < terms; t++) {
                x = FloatVector.fromArray(SPECIES, b, t * n + j).fma(FloatVector.broadcast(SPECIES, a[a0 + t * termStride]), x);
            }
            x.intoArray(c, c0 + j);
        }
        for (; j < n; j++) {
            float x = c[c0 + j];
            for (int t = 0; t < terms; t++) {
                x = Math.fma(a[a0 + t * termStride], b[t * n + j], x);
            }
            c[c0 + j] = x;
        }
    }
}
