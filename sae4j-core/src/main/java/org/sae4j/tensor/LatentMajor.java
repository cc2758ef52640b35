package org.sae4j.tensor;

/**
 * The gather-sums of a sparse code (out[r] += Σ_e coef[e] · w[index[e]]) taken latent by latent instead of row
 * by row. Row by row, each entry fetches a whole row of w from wherever it lies: at 24,576 latents × 768 the
 * decoder is 75 MB, far over any cache, and each of its rows is fetched once per sample that selects it.
 * Latent by latent, w is read once, in order, and the output rows (a few MB, which stay in the last-level cache)
 * are what is fetched per entry. Measured on one core (AMD EPYC, AVX-512): 256 entries per sample over 24,576
 * latents × 768, 92 ms row by row, 23 ms latent by latent; at 32 per sample over 4,096 × 784, where w fits the
 * cache, both take 3 ms. Cutting the output into spans small enough for L2 was slower (37-80 ms): each span
 * pass walks every entry again.
 *
 * <p>The bits are those of the row-by-row loop: a row's entries are in ascending latent order, so visiting the
 * latents in ascending order adds each row's terms in the same order, and each output value is one chain
 * (a multiply, then an add per term) whatever span of columns it falls in. The columns are split into one span
 * per thread; no value is written by two threads, so the thread count changes no bit either.
 */
final class LatentMajor {
    /** Spans are whole multiples of this many floats (a 512-bit vector), so vector loops rarely end in a scalar tail. */
    private static final int UNIT = 16;
    /** A span has at least this many units (128 floats): shorter ones spend more on loop overhead than they save. */
    private static final int MIN_UNITS = 8;

    private LatentMajor() {
    }

    /**
     * out[r] = bias + Σ_e coef[e] · w[index[e]] (set, bias may be null for zero) or out[r] += the sum (add),
     * for every row r of the code; w is width × d.
     */
    static void gather(SparseCode code, SparseCode.Columns cols, float[] coef, float[] w, float[] bias, boolean set,
                       int d, float[] out) {
        int n = code.size();
        int rows = code.rows();
        int[] colStart = cols.colStart();
        // The entries' rows and coefficients in column order: the span loops then read three arrays in sequence.
        int[] row = new int[n];
        float[] c = new float[n];
        for (int p = 0; p < n; p++) {
            int e = cols.entries()[p];
            row[p] = cols.rowOf()[e] * d;
            c[p] = coef[e];
        }
        int span = span(d);
        int spans = (d + span - 1) / span;
        ParallelRows.run(spans, 1, (long) n * d, (from, to) -> {
            for (int s = from; s < to; s++) {
                int j0 = s * span;
                int len = Math.min(d, j0 + span) - j0;
                if (set) {
                    for (int r = 0; r < rows; r++) {
                        if (bias != null) {
                            System.arraycopy(bias, j0, out, r * d + j0, len);
                        } else {
                            java.util.Arrays.fill(out, r * d + j0, r * d + j0 + len, 0f);
                        }
                    }
                }
                for (int col = 0; col < code.width(); col++) {
                    int wo = col * d + j0;
                    for (int p = colStart[col]; p < colStart[col + 1]; p++) {
                        if (c[p] != 0f) {
                            SparseKernels.axpy(c[p], w, wo, out, row[p] + j0, len);
                        }
                    }
                }
            }
        });
    }

    /** The span width in floats: one span per thread, each at least {@link #MIN_UNITS} units. Any span gives the same bits. */
    static int span(int d) {
        int units = (d + UNIT - 1) / UNIT;
        int spans = Math.max(1, Math.min(ParallelRows.threads(), units / MIN_UNITS));
        return ((units + spans - 1) / spans) * UNIT;
    }
}
