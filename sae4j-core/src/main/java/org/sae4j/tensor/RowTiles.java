package org.sae4j.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The left-hand matrix of a product, its full row tiles packed as [tile][term][row in tile]: the
 * micro-kernel's broadcasts then read one sequential stream instead of eight rows a whole row apart
 * (1.4x on one core; broadcasting straight from a, rows 784 floats apart, ran 143 GFLOP/s against 188).
 *
 * <p>Every column block reads every tile, so each tile is packed once per product, into the calling thread's
 * reused scratch buffer. Tiles are packed on demand, in order, by whichever thread first needs one, while the
 * first column blocks are multiplied: a separate packing pass cost a second start of the helper threads per
 * product. A thread that finds its tile still being packed packs the next one instead of waiting. Packing is
 * a copy, so who packs what does not change any result.
 */
final class RowTiles {
    private static final ThreadLocal<float[]> SCRATCH = new ThreadLocal<>();

    private final float[] a;
    private final int rowStride;
    private final int termStride;
    private final int from;
    private final int tiles;
    private final int terms;
    private final int rows;
    /** The packed tiles: tile i's value of term t in row r at (i·terms + t)·rows + r. */
    final float[] packed;
    /** The next tile nobody has started to pack. */
    private final AtomicInteger next = new AtomicInteger();
    /** 1 once a tile is packed; its volatile write publishes the tile to the threads that read it. */
    private final AtomicIntegerArray done;

    /** Rows [from, from + tiles·rows) of A, where A(r, t) = a[r·rowStride + t·termStride] for t &lt; terms. */
    RowTiles(float[] a, int rowStride, int termStride, int from, int tiles, int terms, int rows) {
        this.a = a;
        this.rowStride = rowStride;
        this.termStride = termStride;
        this.from = from;
        this.tiles = tiles;
        this.terms = terms;
        this.rows = rows;
        this.done = new AtomicIntegerArray(tiles);
        int size = tiles * terms * rows;
        float[] buf = SCRATCH.get();
        if (buf == null || buf.length < size) {
            buf = new float[size];
            SCRATCH.set(buf);
        }
        this.packed = buf;
    }

    /** Returns once tile i is packed, packing it (and any tiles before it nobody took yet) if need be. */
    void ensure(int i) {
        while (done.get(i) == 0) {
            int j = next.getAndIncrement();
            if (j < tiles) {
                pack(j);
                done.set(j, 1);
            } else {
                Thread.onSpinWait(); // another thread is packing tile i right now
            }
        }
    }

    private void pack(int i) {
        int base = i * terms * rows;
        int a0 = (from + i * rows) * rowStride;
        if (termStride == 1 && rows == 8) {
            packEight(base, a0);
            return;
        }
        if (termStride == 1 && rows == 6) {
            packSix(base, a0);
            return;
        }
        for (int t = 0; t < terms; t++) {
            int at = a0 + t * termStride;
            int o = base + t * rows;
            for (int r = 0; r < rows; r++) {
                packed[o + r] = a[at + r * rowStride];
            }
        }
    }

    /**
     * {@link #pack} for 8 rows of a row-major A, written out: each of the eight loads walks its own row with a
     * fixed stride. The generic loop (rows a field, not a constant) packed 3–4% slower on the 1024×784×4096
     * product, two cores (in-process A/B, 2 × 16 alternating rounds).
     */
    private void packEight(int base, int a0) {
        int r1 = a0 + rowStride;
        int r2 = r1 + rowStride;
        int r3 = r2 + rowStride;
        int r4 = r3 + rowStride;
        int r5 = r4 + rowStride;
        int r6 = r5 + rowStride;
        int r7 = r6 + rowStride;
        for (int t = 0; t < terms; t++) {
            int o = base + t * 8;
            packed[o] = a[a0 + t];
            packed[o + 1] = a[r1 + t];
            packed[o + 2] = a[r2 + t];
            packed[o + 3] = a[r3 + t];
            packed[o + 4] = a[r4 + t];
            packed[o + 5] = a[r5 + t];
            packed[o + 6] = a[r6 + t];
            packed[o + 7] = a[r7 + t];
        }
    }

    /** {@link #packEight} for the 6-row tiles of machines with 16 vector registers. */
    private void packSix(int base, int a0) {
        int r1 = a0 + rowStride;
        int r2 = r1 + rowStride;
        int r3 = r2 + rowStride;
        int r4 = r3 + rowStride;
        int r5 = r4 + rowStride;
        for (int t = 0; t < terms; t++) {
            int o = base + t * 6;
            packed[o] = a[a0 + t];
            packed[o + 1] = a[r1 + t];
            packed[o + 2] = a[r2 + t];
            packed[o + 3] = a[r3 + t];
            packed[o + 4] = a[r4 + t];
            packed[o + 5] = a[r5 + t];
        }
    }
}
