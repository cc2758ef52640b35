package org.sae4j.tensor;

import java.util.Arrays;

/**
 * One column block of the right-hand matrix of a product, repacked for the vector micro-kernel: column
 * panels of {@code width} columns, each stored [terms × width] contiguously, the last one padded with zeros.
 * The kernel then streams through memory instead of jumping a whole row of b per term (which defeats caches
 * and prefetchers once rows are thousands of floats long), and needs no scalar tail for odd widths.
 *
 * <p>Each thread packs the blocks it multiplies, just before it uses them, into its own reused scratch
 * buffer, so the block is still in L2 when the row tiles pass over it, and no block is packed twice (packing
 * all of b first, then splitting rows, had every core stream every panel: 0.6–0.8x of OpenBLAS). A fresh
 * buffer per product cost more in allocation and zeroing than the packing itself.
 */
final class Panels {
    private static final ThreadLocal<float[]> SCRATCH = new ThreadLocal<>();

    private Panels() {
    }

    /** This thread's block buffer, at least {@code size} floats; it keeps the largest size asked for. */
    static float[] scratch(int size) {
        float[] buf = SCRATCH.get();
        if (buf == null || buf.length < size) {
            buf = new float[size];
            SCRATCH.set(buf);
        }
        return buf;
    }

    /**
     * Columns [j0, j0 + cols) of B into {@code out} as panels: panel q, term t, lane l at
     * (q·terms + t)·width + l. B(t, j) = b[t·n + j] for b [terms × n], or b[j·terms + t] for b [n × terms]
     * when {@code transposed} (bᵀ packed without forming it).
     */
    static void packBlock(float[] b, boolean transposed, int terms, int n, int j0, int cols, int width,
                          float[] out) {
        int panels = (cols + width - 1) / width;
        if (transposed) {
            if (cols % width != 0) {
                // Padding lanes are never written below, and the reused buffer may hold old values.
                int base = (panels - 1) * terms * width;
                for (int t = 0; t < terms; t++) {
                    Arrays.fill(out, base + t * width + cols % width, base + (t + 1) * width, 0f);
                }
            }
            for (int jj = 0; jj < cols; jj++) {
                int o = (jj / width) * terms * width + jj % width;
                int bj = (j0 + jj) * terms;
                for (int t = 0; t < terms; t++) {
                    out[o + t * width] = b[bj + t];
                }
            }
            return;
        }
        // Term by term: each row of b is read as one run of cols floats.
        for (int t = 0; t < terms; t++) {
            int bt = t * n + j0;
            for (int q = 0; q < panels; q++) {
                int w = Math.min(width, cols - q * width);
                int o = (q * terms + t) * width;
                System.arraycopy(b, bt + q * width, out, o, w);
                if (w < width) {
                    Arrays.fill(out, o + w, o + width, 0f);
                }
            }
        }
    }
}
