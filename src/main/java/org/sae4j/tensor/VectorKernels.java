package org.sae4j.tensor;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK's Vector API (jdk.incubator.vector), used when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (the {@code sae4j} launcher and the tests do).
 *
 * <p>All three products are one register-blocked micro-kernel ({@link VectorTiles}): a tile of 8 output rows
 * × 2 vectors (4 rows on AVX2) stays in accumulator registers while the shared dimension streams by, so each
 * loaded vector of {@code b} feeds eight fused multiply-adds and {@code c} is read and written once per tile,
 * not once per term. Auto-vectorised loops cannot keep accumulators in registers like this. {@code b} (or its
 * transpose) is first packed into contiguous panels ({@link Panels}), and each thread packs its row tiles of
 * {@code a}. Work is split across cores by
 * output rows in blocks aligned to the tile height, so results do not depend on the thread count.
 *
 * <p>The loops are cache-blocked: {@link #KC} terms of {@link #NC} columns of panels stay in L2 while every
 * row tile of the block passes over them (without blocking, each four rows re-read all of b from memory:
 * 25 GFLOP/s on a 1024×784×4096 product). Blocking does not change any sum: each c element is still one
 * chain of fused multiply-adds in term order, parked in c between blocks, so the bits are as before.
 */
final class VectorKernels implements Kernels {
    static final VectorKernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    /** Eight rows × 2 vectors is 16 accumulators: fits 512-bit machines' 32 registers, not AVX2's 16. */
    private static final int TILE_ROWS = L >= 16 ? 8 : 4;
    /** Terms per block: a panel's slice (KC × PANEL floats) stays in L1. */
    private static final int KC = 128;
    /** Columns per block: KC × NC floats (512 KiB) stay in L2 while the row tiles pass. */
    private static final int NC = 1024;
    /** Columns per micro-kernel tile: two vectors. */
    private static final int PANEL = 2 * L;
    /** One tile row of zeros, read with stride 0 as the start of a product that does not accumulate. */
    private static final float[] ZEROS = new float[PANEL];

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
        float[] panels = Panels.pack(b, k, n, PANEL);
        ParallelRows.run(m, TILE_ROWS, (long) m * k * n, (from, to) ->
                product(a, k, 1, panels, c, from, to, k, n, accumulate));
    }

    @Override
    public void matmulTransB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        float[] panels = Panels.packTransposed(b, k, n, PANEL);
        ParallelRows.run(m, TILE_ROWS, (long) m * k * n, (from, to) ->
                product(a, k, 1, panels, c, from, to, k, n, accumulate));
    }

    @Override
    public void matmulTransA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        // c[p, j] += Σ_i a[i, p] · b[i, j]: output row p reads a at p + i·k.
        float[] panels = Panels.pack(b, m, n, PANEL);
        ParallelRows.run(k, TILE_ROWS, (long) m * k * n, (from, to) ->
                product(a, 1, k, panels, c, from, to, m, n, accumulate));
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

    /**
     * c[r, j] (+)= Σ_t A(r, t) · B(t, j) for output rows r in [from, to), where
     * A(r, t) = a[r·rowStride + t·termStride], t runs over [0, terms), and B comes packed in {@link Panels}.
     * The full row tiles of A are packed too ([tile][t][row], see {@link #packRows}): the micro-kernel then
     * reads one sequential stream of A instead of eight rows a whole row apart (1.4x on one core).
     */
    private static void product(float[] a, int rowStride, int termStride, float[] panels, float[] c,
                                int from, int to, int terms, int n, boolean accumulate) {
        int tiles = (to - from) / TILE_ROWS;
        int tileEnd = from + tiles * TILE_ROWS;
        int fullCols = n - n % PANEL;
        if (!accumulate) {
            // Full panels of full tiles start from zero in the kernel; only the rest is cleared here.
            for (int r = from; r < tileEnd && fullCols < n; r++) {
                Arrays.fill(c, r * n + fullCols, (r + 1) * n, 0f);
            }
            Arrays.fill(c, tileEnd * n, to * n, 0f);
        }
        float[] packedA = packRows(a, rowStride, termStride, from, tiles, terms);
        float[] tmp = new float[TILE_ROWS * PANEL];
        for (int t0 = 0; t0 < terms; t0 += KC) {
            int kc = Math.min(KC, terms - t0);
            boolean fresh = t0 == 0 && !accumulate;
            for (int j0 = 0; j0 < n; j0 += NC) {
                int j1 = Math.min(n, j0 + NC);
                for (int i = 0; i < tiles; i++) {
                    rowTile(packedA, (i * terms + t0) * TILE_ROWS, panels, t0, terms, c,
                            (from + i * TILE_ROWS) * n, j0, j1, kc, n, tmp, fresh);
                }
                for (int r = tileEnd; r < to; r++) {
                    oneRow(a, r * rowStride + t0 * termStride, termStride, panels, t0, terms, c, r * n, j0, j1, kc,
                            n, tmp);
                }
            }
        }
    }

    /** A's rows [from, from + tiles·TILE_ROWS) as [tile][t][row in tile]: the tile kernels' broadcast stream. */
    private static float[] packRows(float[] a, int rowStride, int termStride, int from, int tiles, int terms) {
        float[] packed = new float[tiles * terms * TILE_ROWS];
        for (int i = 0; i < tiles; i++) {
            int base = i * terms * TILE_ROWS;
            int a0 = (from + i * TILE_ROWS) * rowStride;
            for (int t = 0; t < terms; t++) {
                int at = a0 + t * termStride;
                int o = base + t * TILE_ROWS;
                for (int r = 0; r < TILE_ROWS; r++) {
                    packed[o + r] = a[at + r * rowStride];
                }
            }
        }
        return packed;
    }

    /** TILE_ROWS output rows over columns [j0, j1); a partial last panel goes through a padded scratch tile. */
    private static void rowTile(float[] pa, int a0, float[] panels, int t0, int terms,
                                float[] c, int c0, int j0, int j1, int kc, int n, float[] tmp, boolean fresh) {
        int full = j1 - (j1 - j0) % PANEL;
        for (int j = j0; j < full; j += PANEL) {
            int base = (j / PANEL) * terms * PANEL + t0 * PANEL;
            tile(pa, a0, panels, base, c, c0 + j, n, kc, fresh);
        }
        if (full < j1) {
            // Masked vector loads and stores are slow on AVX2, so pad instead: the panel's extra columns are zero.
            int base = (full / PANEL) * terms * PANEL + t0 * PANEL;
            for (int r = 0; r < TILE_ROWS; r++) {
                System.arraycopy(c, c0 + r * n + full, tmp, r * PANEL, j1 - full);
            }
            tile(pa, a0, panels, base, tmp, 0, PANEL, kc, false);
            for (int r = 0; r < TILE_ROWS; r++) {
                System.arraycopy(tmp, r * PANEL, c, c0 + r * n + full, j1 - full);
            }
        }
    }

    private static void tile(float[] pa, int a0, float[] panels, int base, float[] c, int cOff, int cStride,
                             int terms, boolean fresh) {
        float[] in = fresh ? ZEROS : c;
        int inOff = fresh ? 0 : cOff;
        int inStride = fresh ? 0 : cStride;
        if (TILE_ROWS == 8) {
            VectorTiles.tile8(pa, a0, panels, base, in, inOff, inStride, c, cOff, cStride, terms);
        } else {
            VectorTiles.tile4(pa, a0, panels, base, in, inOff, inStride, c, cOff, cStride, terms);
        }
    }

    /** A single output row, for the rows left over after the full tiles. */
    private static void oneRow(float[] a, int a0, int termStride, float[] panels, int t0, int terms, float[] c,
                               int c0, int j0, int j1, int kc, int n, float[] tmp) {
        int full = j1 - (j1 - j0) % PANEL;
        for (int j = j0; j < full; j += PANEL) {
            tile1(a, a0, termStride, panels, (j / PANEL) * terms * PANEL + t0 * PANEL, c, c0 + j, kc);
        }
        if (full < j1) {
            Arrays.fill(tmp, 0f);
            System.arraycopy(c, c0 + full, tmp, 0, j1 - full);
            tile1(a, a0, termStride, panels, (full / PANEL) * terms * PANEL + t0 * PANEL, tmp, 0, kc);
            System.arraycopy(tmp, 0, c, c0 + full, j1 - full);
        }
    }

    private static void tile1(float[] a, int a0, int termStride, float[] panels, int base, float[] c, int cOff,
                              int terms) {
        FloatVector x = FloatVector.fromArray(SPECIES, c, cOff);
        FloatVector y = FloatVector.fromArray(SPECIES, c, cOff + L);
        for (int t = 0; t < terms; t++) {
            FloatVector s = FloatVector.broadcast(SPECIES, a[a0 + t * termStride]);
            x = FloatVector.fromArray(SPECIES, panels, base + t * PANEL).fma(s, x);
            y = FloatVector.fromArray(SPECIES, panels, base + t * PANEL + L).fma(s, y);
        }
        x.intoArray(c, cOff);
        y.intoArray(c, cOff + L);
    }
}
