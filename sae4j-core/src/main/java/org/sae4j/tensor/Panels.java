package org.sae4j.tensor;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

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
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
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
            int jj = 0;
            if (width % 8 == 0) {
                for (; jj + 8 <= cols; jj += 8) {
                    packEightColumns(b, terms, j0 + jj, out, (jj / width) * terms * width + jj % width, width);
                }
            }
            for (; jj < cols; jj++) {
                int o = (jj / width) * terms * width + jj % width;
                int bj = (j0 + jj) * terms;
                for (int t = 0; t < terms; t++) {
                    out[o + t * width] = b[bj + t];
                }
            }
            return;
        }
        int q0 = 0;
        if (width == 2 * L) {
            for (; q0 + 4 <= cols / width; q0 += 4) {
                packFour(b, terms, n, j0 + q0 * width, out, q0 * terms * width);
            }
        }
        // Term by term: each row of b is read as one run of cols floats.
        for (int t = 0; t < terms && q0 < panels; t++) {
            int bt = t * n + j0;
            for (int q = q0; q < panels; q++) {
                int w = Math.min(width, cols - q * width);
                int o = (q * terms + t) * width;
                System.arraycopy(b, bt + q * width, out, o, w);
                if (w < width) {
                    Arrays.fill(out, o + w, o + width, 0f);
                }
            }
        }
    }

    /**
     * Four full panels of two vectors each (columns [j, j + 8L) of b) into {@code out} from {@code o}: the
     * same layout as the loop above, written out as eight loads and stores per term. Each load instruction
     * then walks b with one fixed stride (a row), and on two cores this packed the 1024×784×4096 product's b
     * 4% faster than {@code System.arraycopy} per panel (in-process A/B, 16 alternating rounds).
     */
    private static void packFour(float[] b, int terms, int n, int j, float[] out, int o) {
        int ps = terms * 2 * L; // one panel
        for (int t = 0; t < terms; t++) {
            int bt = t * n + j;
            int ot = o + t * 2 * L;
            FloatVector v0 = FloatVector.fromArray(S, b, bt);
            FloatVector v1 = FloatVector.fromArray(S, b, bt + L);
            FloatVector v2 = FloatVector.fromArray(S, b, bt + 2 * L);
            FloatVector v3 = FloatVector.fromArray(S, b, bt + 3 * L);
            FloatVector v4 = FloatVector.fromArray(S, b, bt + 4 * L);
            FloatVector v5 = FloatVector.fromArray(S, b, bt + 5 * L);
            FloatVector v6 = FloatVector.fromArray(S, b, bt + 6 * L);
            FloatVector v7 = FloatVector.fromArray(S, b, bt + 7 * L);
            v0.intoArray(out, ot);
            v1.intoArray(out, ot + L);
            v2.intoArray(out, ot + ps);
            v3.intoArray(out, ot + ps + L);
            v4.intoArray(out, ot + 2 * ps);
            v5.intoArray(out, ot + 2 * ps + L);
            v6.intoArray(out, ot + 3 * ps);
            v7.intoArray(out, ot + 3 * ps + L);
        }
    }

    /**
     * Eight columns of bᵀ (eight rows of b [n × terms], from row j) into lanes o … o + 7 of a panel, written
     * out: each of the eight loads walks its own row of b. One column at a time (one load instruction for
     * every row) packed the 1024×784×4096 encoder product's b 4% slower on two cores (in-process A/B,
     * 2 × 16 alternating rounds).
     */
    private static void packEightColumns(float[] b, int terms, int j, float[] out, int o, int width) {
        int b0 = j * terms;
        int b1 = b0 + terms;
        int b2 = b1 + terms;
        int b3 = b2 + terms;
        int b4 = b3 + terms;
        int b5 = b4 + terms;
        int b6 = b5 + terms;
        int b7 = b6 + terms;
        for (int t = 0; t < terms; t++) {
            int ot = o + t * width;
            out[ot] = b[b0 + t];
            out[ot + 1] = b[b1 + t];
            out[ot + 2] = b[b2 + t];
            out[ot + 3] = b[b3 + t];
            out[ot + 4] = b[b4 + t];
            out[ot + 5] = b[b5 + t];
            out[ot + 6] = b[b6 + t];
            out[ot + 7] = b[b7 + t];
        }
    }
}
