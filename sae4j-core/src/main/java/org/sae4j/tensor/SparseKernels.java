package org.sae4j.tensor;

/**
 * The sparse half of a TopK training step (the dense half is the encoder's pre-activation product): the
 * decoder as a gather-sum of the selected rows, its gradient as a scatter-add into them, and the encoder's
 * weight gradient for the selected latents only. Row-wise sums go row by row, or latent by latent where the rows
 * of w a code uses outgrow the cache and are each used many times ({@link LatentMajor}), in the same order of
 * terms either way; column-wise sums and the
 * value gradients go through {@link SparseCode#columns()}. Every value is summed in one fixed order: results do
 * not depend on the thread count.
 *
 * <p>{@code gradRow}, where taken, maps an entry to the row of the output gradient it reads (Matryoshka's
 * nested reconstructions give entries of one sample different gradients); null means the entry's own row.
 */
public final class SparseKernels {
    /** The dot product follows the default backend (its class is only loaded when that is the vector one). */
    private static final boolean VECTOR = Kernels.defaults().name().startsWith("vector");
    /**
     * Above this many bytes of the rows of w that a code uses, the decode, gatherAdd and valueGrad go latent by
     * latent ({@link LatentMajor}): those rows no longer stay in a last-level cache (32 MB on the EPYC measured),
     * and fetching each once, in order, wins. Below it, row by row is faster: the output row (or g's row) stays
     * in L1 and w's rows come from the cache read-only, where latent by latent fetches an output row per entry.
     * Measured on two cores, 1,024 samples: 4,096 × 784 with 32 random latents each, 1.5-4 ms row by row against
     * 3.5 latent by latent; in a training step at 24,576 × 768 on random inputs, where 99% of the latents are
     * dead and the live ones' rows fit in L2, 2.2 ms against 4.8 (one pair). The rows used count, not w's size.
     * Both give the same bits; tests lower this to run the latent-major path on small codes.
     */
    static volatile long latentMajorAbove = 32L << 20;
    /**
     * ... and only where the rows used are each used this many times on average: in two-core training steps at
     * 24,576 × 768 with 32 latents per sample spread over most latents (about 3 entries per row used), the
     * latent-major decode measured slower than row by row (decode and loss 0.09-0.10 of the encoder product against
     * 0.03-0.06, medians of 4-7 runs under load), while with AuxK's many entries per dead latent (10 and more) it is
     * 2-4 times faster (92 ms → 23 on one core, 42 → 21 on two, 256 entries per sample). Tests lower it too.
     */
    static volatile int reuse = 8;

    private SparseKernels() {
    }

    /** out[r] = bias + Σ_e value[e] · w[index[e]] for each row r of the code; w is width × d. */
    public static void decode(SparseCode code, float[] w, float[] bias, int d, float[] out) {
        if (latentMajor(code, null, d)) {
            LatentMajor.gather(code, code.value(), w, bias, true, d, out);
            return;
        }
        ParallelRows.run(code.rows(), 1, (long) code.size() * d, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * d;
                if (bias != null) {
                    System.arraycopy(bias, 0, out, o, d);
                } else {
                    java.util.Arrays.fill(out, o, o + d, 0f);
                }
                addRow(code, r, code.value(), w, d, out);
            }
        });
    }

    /**
     * Whether the rows of w the code uses (d floats each) are over {@link #latentMajorAbove} bytes and each is used
     * by at least {@link #reuse} entries on average.
     */
    static boolean latentMajor(SparseCode code, SparseCode.Columns cols, int d) {
        long limit = latentMajorAbove;
        if ((long) code.size() * d * Float.BYTES <= limit) {
            return false; // fewer entries than that: fewer rows used
        }
        int used = 0;
        if (cols != null) {
            for (int c = 0; c < code.width(); c++) {
                used += cols.colStart()[c + 1] > cols.colStart()[c] ? 1 : 0;
            }
        } else {
            boolean[] seen = new boolean[code.width()];
            for (int e = 0; e < code.size(); e++) {
                used += seen[code.index()[e]] ? 0 : 1;
                seen[code.index()[e]] = true;
            }
        }
        return (long) used * d * Float.BYTES > limit && code.size() >= (long) reuse * used;
    }

    /** out[r] += Σ_e coef[e] · w[index[e]] over row r's entries, in order. */
    private static void addRow(SparseCode code, int r, float[] coef, float[] w, int d, float[] out) {
        for (int e = code.rowStart()[r]; e < code.rowStart()[r + 1]; e++) {
            if (coef[e] != 0f) {
                axpy(coef[e], w, code.index()[e] * d, out, r * d, d);
            }
        }
    }

    /** out[e] = g[row(e)] · w[index[e]]: the gradient of each stored value given the output gradient g. */
    public static void valueGrad(SparseCode code, float[] g, int[] gradRow, float[] w, int d, float[] out) {
        valueGrad(code, null, g, gradRow, w, d, out);
    }

    /**
     * The same with the code's column view at hand (or null). Where the rows of w used outgrow the cache
     * ({@link #latentMajorAbove}) it goes latent by latent: each entry's dot product is the same, but a latent's
     * row of w is fetched once for all its entries instead of once per entry.
     */
    public static void valueGrad(SparseCode code, SparseCode.Columns cols, float[] g, int[] gradRow, float[] w, int d,
                                 float[] out) {
        if (!latentMajor(code, cols, d)) {
            ParallelRows.run(code.rows(), 1, (long) code.size() * d, (from, to) -> {
                for (int r = from; r < to; r++) {
                    for (int e = code.rowStart()[r]; e < code.rowStart()[r + 1]; e++) {
                        int gr = (gradRow == null ? r : gradRow[e]) * d;
                        int wo = code.index()[e] * d;
                        out[e] = VECTOR ? VectorKernels.dot(g, gr, w, wo, d) : dot(g, gr, w, wo, d);
                    }
                }
            });
            return;
        }
        SparseCode.Columns byLatent = cols != null ? cols : code.columns();
        int[] rowOf = byLatent.rowOf();
        ParallelRows.run(code.width(), 1, (long) code.size() * d, (from, to) -> {
            for (int c = from; c < to; c++) {
                for (int p = byLatent.colStart()[c]; p < byLatent.colStart()[c + 1]; p++) {
                    int e = byLatent.entries()[p];
                    int gr = gradRow == null ? rowOf[e] : gradRow[e];
                    out[e] = VECTOR ? VectorKernels.dot(g, gr * d, w, c * d, d) : dot(g, gr * d, w, c * d, d);
                }
            }
        });
    }

    /**
     * gw[c] += Σ_{e in column c} coef[e] · rows[rowSel(e)] for every column c: the decoder gradient (coef =
     * latent values, rows = output gradient) and the encoder gradient (coef = pre-activation gradient, rows =
     * the encoder input). Also gb[c] += Σ coef[e] when gb is not null.
     */
    public static void scatterAdd(SparseCode code, SparseCode.Columns cols, float[] coef, float[] rows, int[] gradRow,
                                  int d, float[] gw, float[] gb) {
        int[] rowOf = cols.rowOf();
        ParallelRows.run(code.width(), 1, (long) code.size() * d, (from, to) -> {
            for (int c = from; c < to; c++) {
                float bsum = 0f;
                for (int p = cols.colStart()[c]; p < cols.colStart()[c + 1]; p++) {
                    int e = cols.entries()[p];
                    float s = coef[e];
                    if (s != 0f) {
                        int r = gradRow == null ? rowOf[e] : gradRow[e];
                        axpy(s, rows, r * d, gw, c * d, d);
                        bsum += s;
                    }
                }
                if (gb != null) {
                    gb[c] += bsum;
                }
            }
        });
    }

    /** out[r] += Σ_e coef[e] · w[index[e]]: the gradient reaching the encoder's input (b_dec's share). */
    public static void gatherAdd(SparseCode code, float[] coef, float[] w, int d, float[] out) {
        if (latentMajor(code, null, d)) {
            LatentMajor.gather(code, coef, w, null, false, d, out);
            return;
        }
        ParallelRows.run(code.rows(), 1, (long) code.size() * d, (from, to) -> {
            for (int r = from; r < to; r++) {
                addRow(code, r, coef, w, d, out);
            }
        });
    }

    /** y[yo..yo+n) += s · x[xo..xo+n); the vector form rounds each element the same (multiply, then add). */
    static void axpy(float s, float[] x, int xo, float[] y, int yo, int n) {
        if (VECTOR) {
            VectorKernels.axpy(s, x, xo, y, yo, n);
            return;
        }
        for (int j = 0; j < n; j++) {
            y[yo + j] += s * x[xo + j];
        }
    }

    /** A dot product with eight partial sums in a fixed order (faster than one running sum, still deterministic). */
    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        int j = 0;
        for (; j + 8 <= n; j += 8) {
            s0 += a[ao + j] * b[bo + j];
            s1 += a[ao + j + 1] * b[bo + j + 1];
            s2 += a[ao + j + 2] * b[bo + j + 2];
            s3 += a[ao + j + 3] * b[bo + j + 3];
            s4 += a[ao + j + 4] * b[bo + j + 4];
            s5 += a[ao + j + 5] * b[bo + j + 5];
            s6 += a[ao + j + 6] * b[bo + j + 6];
            s7 += a[ao + j + 7] * b[bo + j + 7];
        }
        for (; j < n; j++) {
            s0 += a[ao + j] * b[bo + j];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
