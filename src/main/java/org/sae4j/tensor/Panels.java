package org.sae4j.tensor;

/**
 * The right-hand matrix of a product, repacked for the vector micro-kernel: column panels of
 * {@code width} columns, each stored [terms × width] contiguously, the last one padded with zeros. The
 * kernel then streams through memory instead of jumping a whole row of b per term (which defeats caches
 * and prefetchers once rows are thousands of floats long), and needs no scalar tail for odd widths.
 * Packing costs terms × n copies against m × terms × n multiply-adds.
 *
 * <p>The packed array is the calling thread's scratch buffer, valid until that thread packs again: a fresh
 * 50 MB array per product of a 16384-wide encoder cost more in allocation and zeroing than the packing
 * itself. The buffer keeps the largest size the thread has needed.
 */
final class Panels {
    private static final ThreadLocal<float[]> SCRATCH = new ThreadLocal<>();

    private Panels() {
    }

    private static float[] scratch(int size) {
        float[] buf = SCRATCH.get();
        if (buf == null || buf.length < size) {
            buf = new float[size];
            SCRATCH.set(buf);
        }
        return buf;
    }

    /** Panels of B(t, j) = b[t·n + j], for b [terms × n]. */
    static float[] pack(float[] b, int terms, int n, int width) {
        int panels = (n + width - 1) / width;
        float[] packed = scratch(panels * terms * width);
        // Disjoint panels, filled on every core: a serial copy of a 784 × 4096 weight was a tenth of the product.
        ParallelRows.run(panels, 1, (long) n * terms, (from, to) -> {
            for (int p = from; p < to; p++) {
                int j0 = p * width;
                int w = Math.min(width, n - j0);
                int base = p * terms * width;
                for (int t = 0; t < terms; t++) {
                    System.arraycopy(b, t * n + j0, packed, base + t * width, w);
                    if (w < width) {
                        java.util.Arrays.fill(packed, base + t * width + w, base + (t + 1) * width, 0f);
                    }
                }
            }
        });
        return packed;
    }

    /** Panels of B(t, j) = b[j·terms + t], for b [n × terms]: packs bᵀ without forming it. */
    static float[] packTransposed(float[] b, int terms, int n, int width) {
        int panels = (n + width - 1) / width;
        float[] packed = scratch(panels * terms * width);
        if (n % width != 0) {
            // The last panel's padding columns are never written below; the reused buffer may hold old values.
            int base = (panels - 1) * terms * width;
            for (int t = 0; t < terms; t++) {
                java.util.Arrays.fill(packed, base + t * width + n % width, base + (t + 1) * width, 0f);
            }
        }
        // Panels are disjoint, so they are filled in parallel (a 4096 × 784 weight is 3.2M scattered writes).
        ParallelRows.run(n, width, (long) n * terms, (from, to) -> {
            for (int j = from; j < to; j++) {
                int base = (j / width) * terms * width + j % width;
                int bj = j * terms;
                for (int t = 0; t < terms; t++) {
                    packed[base + t * width] = b[bj + t];
                }
            }
        });
        return packed;
    }
}
