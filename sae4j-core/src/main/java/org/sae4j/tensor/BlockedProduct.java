package org.sae4j.tensor;

import java.util.Arrays;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loops around {@link VectorTiles}' micro-kernel: c[r, j] (+)= Σ_t A(r, t)·B(t, j).
 *
 * <p>A's row tiles are packed once, on demand ({@link RowTiles}); the columns are cut into blocks of
 * {@link #NC}, and each thread claims whole blocks ({@link SharedTasks}): it packs the block's panels for all
 * terms (≤ {@link #KC} × NC floats, ~0.5 MiB, stays in L2) and passes every row tile over them, so each c
 * element is finished in one go and b is packed exactly once per product. Splitting rows instead (each core
 * packing and streaming all of b, c revisited once per 128 terms) reached 0.6–0.8x of OpenBLAS on two cores.
 *
 * <p>Blocking does not change any sum: each c element is one chain of fused multiply-adds in term order
 * (parked in c between term blocks when terms exceed {@link #KC}), so the bits do not depend on the split or
 * the thread count.
 */
final class BlockedProduct {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    /** Rows per micro-kernel tile: 8 with 32 vector registers, 6 with 16 ({@link TileShape}). */
    static final int TILE_ROWS = TileShape.ROWS;
    /** Columns per micro-kernel tile: two vectors. */
    static final int PANEL = 2 * L;
    /** Columns per block: 784 terms × 128 columns is 392 KiB of panels, half of a Zen L2. */
    static final int NC = 128;
    /** Most terms per pass over a block: longer sums are split, the partial sums parked in c. */
    static final int KC = 1024;
    /** Most floats of packed A at once (16 MiB); taller products go row group by row group. */
    private static final int A_FLOATS = 1 << 22;
    /** One tile row of zeros, read with stride 0 as the start of a product that does not accumulate. */
    private static final float[] ZEROS = new float[PANEL];

    private BlockedProduct() {
    }

    /**
     * Output rows [0, rows), A(r, t) = a[r·rowStride + t·termStride] for t &lt; terms; B(t, j) = b[t·n + j],
     * or b[j·terms + t] when {@code bTransposed}.
     */
    static void run(float[] a, int rowStride, int termStride, float[] b, boolean bTransposed, float[] c,
                    int rows, int terms, int n, boolean accumulate) {
        if (terms == 0) {
            if (!accumulate) {
                Arrays.fill(c, 0, rows * n, 0f);
            }
            return;
        }
        int group = Math.max(TILE_ROWS, A_FLOATS / terms / TILE_ROWS * TILE_ROWS);
        for (int r0 = 0; r0 < rows; r0 += group) {
            rowGroup(a, rowStride, termStride, b, bTransposed, c, r0, Math.min(rows, r0 + group), terms, n,
                    accumulate);
        }
    }

    private static void rowGroup(float[] a, int rowStride, int termStride, float[] b, boolean bTransposed,
                                 float[] c, int from, int to, int terms, int n, boolean accumulate) {
        int tiles = (to - from) / TILE_ROWS;
        RowTiles pa = new RowTiles(a, rowStride, termStride, from, tiles, terms, TILE_ROWS);
        Job job = new Job(pa, a, rowStride, termStride, b, bTransposed, c, from, to, tiles, terms, n, accumulate,
                Split.of(tiles, (n + NC - 1) / NC, ParallelRows.threads()));
        int blockWidth = Math.min(NC, (n + PANEL - 1) / PANEL * PANEL);
        SharedTasks.run(job.split.tasks(), (long) (to - from) * terms * n, () -> new IntConsumer() {
            private final float[] panels = Panels.scratch(terms * blockWidth);
            private final float[] tmp = new float[TILE_ROWS * PANEL];
            private int packed = -1;

            @Override
            public void accept(int task) {
                int block = job.split.block(task);
                int j0 = block * NC;
                int j1 = Math.min(n, j0 + NC);
                if (block != packed) {
                    Panels.packBlock(b, bTransposed, terms, n, j0, j1 - j0, PANEL, panels);
                    packed = block;
                }
                int parts = job.split.parts(task);
                int part = job.split.part(task);
                job.multiply(panels, (int) ((long) tiles * part / parts), (int) ((long) tiles * (part + 1) / parts),
                        part == parts - 1, j0, j1, tmp);
            }
        });
    }

    /**
     * Tasks as (column block, share of the row tiles): {@code parts} shares per block, so narrow products with
     * few blocks still keep every core busy, and the last {@code tail} blocks cut {@link #TAIL_SPLIT} times
     * finer, so the threads finish within a fraction of a block of each other.
     */
    record Split(int blocks, int parts, int tail) {
        static final int TAIL_SPLIT = 4;

        static Split of(int tiles, int blocks, int threads) {
            int parts = Math.max(1, Math.min(tiles, (4 * threads + blocks - 1) / blocks));
            int tail = parts == 1 && tiles >= TAIL_SPLIT ? Math.min(blocks, threads) : 0;
            return new Split(blocks, parts, tail);
        }

        int tasks() {
            return (blocks - tail) * parts + tail * parts * TAIL_SPLIT;
        }

        private int head() {
            return (blocks - tail) * parts;
        }

        int block(int task) {
            return task < head() ? task / parts : blocks - tail + (task - head()) / (parts * TAIL_SPLIT);
        }

        int parts(int task) {
            return task < head() ? parts : parts * TAIL_SPLIT;
        }

        int part(int task) {
            return task < head() ? task % parts : (task - head()) % (parts * TAIL_SPLIT);
        }
    }

    /** One row group's operands; {@link #multiply} runs one column block over some of its row tiles. */
    private record Job(RowTiles pa, float[] a, int rowStride, int termStride, float[] b, boolean bTransposed,
                       float[] c, int from, int to, int tiles, int terms, int n, boolean accumulate, Split split) {

        /** Row tiles [i0, i1) (and the rows after the last full tile when {@code rest}) × columns [j0, j1). */
        void multiply(float[] panels, int i0, int i1, boolean rest, int j0, int j1, float[] tmp) {
            int restFrom = rest ? from + tiles * TILE_ROWS : to;
            for (int t0 = 0; t0 < terms; t0 += KC) {
                int kc = Math.min(KC, terms - t0);
                boolean fresh = t0 == 0 && !accumulate;
                for (int i = i0; i < i1; i++) {
                    if (t0 == 0) {
                        pa.ensure(i);
                    }
                    rowTile(pa.packed, (i * terms + t0) * TILE_ROWS, panels, t0, terms, c,
                            (from + i * TILE_ROWS) * n, j0, j1, kc, n, tmp, fresh);
                }
                for (int r = restFrom; r < to; r++) {
                    if (fresh) {
                        Arrays.fill(c, r * n + j0, r * n + j1, 0f);
                    }
                    oneRow(a, r * rowStride + t0 * termStride, termStride, panels, t0, terms, c, r * n, j0, j1,
                            kc, tmp);
                }
            }
        }
    }

    /** TILE_ROWS output rows over columns [j0, j1); a partial last panel goes through a padded scratch tile. */
    private static void rowTile(float[] pa, int a0, float[] panels, int t0, int terms,
                                float[] c, int c0, int j0, int j1, int kc, int n, float[] tmp, boolean fresh) {
        int full = j1 - (j1 - j0) % PANEL;
        for (int j = j0; j < full; j += PANEL) {
            tile(pa, a0, panels, ((j - j0) / PANEL * terms + t0) * PANEL, c, c0 + j, n, kc, fresh);
        }
        if (full < j1) {
            // Masked vector loads and stores are slow on AVX2, so pad instead: the panel's extra columns are zero.
            Arrays.fill(tmp, 0f);
            for (int r = 0; r < TILE_ROWS && !fresh; r++) {
                System.arraycopy(c, c0 + r * n + full, tmp, r * PANEL, j1 - full);
            }
            tile(pa, a0, panels, ((full - j0) / PANEL * terms + t0) * PANEL, tmp, 0, PANEL, kc, false);
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
            VectorTiles.tile6(pa, a0, panels, base, in, inOff, inStride, c, cOff, cStride, terms);
        }
    }

    /** A single output row, for the rows left over after the full tiles; c holds its starting values. */
    private static void oneRow(float[] a, int a0, int termStride, float[] panels, int t0, int terms, float[] c,
                               int c0, int j0, int j1, int kc, float[] tmp) {
        int full = j1 - (j1 - j0) % PANEL;
        for (int j = j0; j < full; j += PANEL) {
            tile1(a, a0, termStride, panels, ((j - j0) / PANEL * terms + t0) * PANEL, c, c0 + j, kc);
        }
        if (full < j1) {
            Arrays.fill(tmp, 0f);
            System.arraycopy(c, c0 + full, tmp, 0, j1 - full);
            tile1(a, a0, termStride, panels, ((full - j0) / PANEL * terms + t0) * PANEL, tmp, 0, kc);
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
