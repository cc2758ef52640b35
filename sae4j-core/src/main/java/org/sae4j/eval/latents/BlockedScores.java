package org.sae4j.eval.latents;

import java.util.Arrays;
import org.sae4j.tensor.Kernels;

/**
 * The k highest and k lowest scores of every row of a · bᵀ, for a and b too large to multiply whole: a's rows are
 * taken a block at a time, so memory is one block × b's rows of scores. Ties go to the lower column, so the
 * lists do not depend on the block size.
 */
final class BlockedScores {
    /** Rows of a per product: 256 × 32k vocabulary scores is 32 MB. */
    static final int BLOCK = 256;

    /** Per row of a, the best columns and their scores, best first. */
    record Ranked(int[] columns, float[] scores) {
    }

    private BlockedScores() {
    }

    /**
     * The {@code k} largest entries of each row of a [m × d] · b [n × d]ᵀ (column {@code skip}·row excluded when
     * {@code skipDiagonal}), and with {@code lowest} also the k smallest, as rows × k arrays.
     */
    static Ranked[] top(float[] a, int m, float[] b, int n, int d, int k, boolean skipDiagonal, boolean lowest) {
        int keep = Math.min(k, n - (skipDiagonal ? 1 : 0));
        Ranked[] highs = new Ranked[m];
        Ranked[] lows = lowest ? new Ranked[m] : null;
        float[] scores = new float[Math.min(BLOCK, m) * n];
        for (int from = 0; from < m; from += BLOCK) {
            int rows = Math.min(BLOCK, m - from);
            Kernels.defaults().matmulTransB(Arrays.copyOfRange(a, from * d, (from + rows) * d), b, scores, rows, d, n, false);
            for (int r = 0; r < rows; r++) {
                int skip = skipDiagonal ? from + r : -1;
                highs[from + r] = select(scores, r * n, n, keep, skip, 1f);
                if (lowest) {
                    lows[from + r] = select(scores, r * n, n, keep, skip, -1f);
                }
            }
        }
        if (!lowest) {
            return highs;
        }
        Ranked[] both = new Ranked[2 * m];
        System.arraycopy(highs, 0, both, 0, m);
        System.arraycopy(lows, 0, both, m, m);
        return both;
    }

    /** The {@code k} columns with the largest sign·score, by insertion into a sorted list of k. */
    private static Ranked select(float[] s, int off, int n, int k, int skip, float sign) {
        int[] cols = new int[k];
        float[] best = new float[k];
        int size = 0;
        for (int c = 0; c < n; c++) {
            if (c == skip) {
                continue;
            }
            float v = sign * s[off + c];
            if (Float.isNaN(v) || (size == k && !(v > best[k - 1]))) {
                continue;
            }
            int at = size < k ? size++ : k - 1;
            while (at > 0 && best[at - 1] < v) {
                best[at] = best[at - 1];
                cols[at] = cols[at - 1];
                at--;
            }
            best[at] = v;
            cols[at] = c;
        }
        int[] outCols = Arrays.copyOf(cols, size);
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = sign * best[i];
        }
        return new Ranked(outCols, out);
    }
}
