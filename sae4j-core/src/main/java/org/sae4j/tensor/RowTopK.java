package org.sae4j.tensor;

/**
 * The k largest of one row of (product + bias), ties to the lower column, for one thread's rows in turn.
 * A size-k min-heap over the whole row changes some k·ln(width/k) times (150 for k = 32 of 4096), and those
 * changes cost more than the scan. So a bound comes first: cut the row into 2k blocks; the k largest of their
 * maxima are k distinct entries, so the row's k-th largest is at least the k-th largest block maximum t. Only
 * the entries ≥ t then pass through the heap, in column order, which leaves it as a scan of the whole row
 * would: the same entries, the same ties, whatever t is. The row (16 KB for 4096 latents) stays in L1 between
 * the two passes. Why 2k blocks: on Gaussian rows of 4,096 (and of 24,576) the smallest of k block maxima let
 * 133 entries through, the k-th largest of 2k maxima 43, of 4k 36; fewer candidates mean fewer of the vector
 * scan's tests come out true, and those are the ones that cost (a mispredicted branch). Selecting 32 of 4,096
 * on one core, 1,024 rows: 8.3 ms with k blocks (and a vector scan that walked every lane), 4.9 with 2k, 5.2 with 4k, 6.5 with 8k
 * (more maxima to take and to select among); the scalar scan with k blocks took 6.5.
 */
final class RowTopK {
    /** The bound's scan follows the default backend (its class is only loaded when that is the vector one). */
    private static final boolean VECTOR = Kernels.defaults().name().startsWith("vector");
    /** Blocks per kept entry: see the class comment. */
    static final int BLOCKS_PER_K = 2;
    private final int width;
    private final int k;
    /** After {@link #select}: the columns of the k largest, unordered. */
    final int[] heap;
    private final float[] top;
    private final int[] candidate;
    private final float[] candidateValue;
    /**
     * The vector scan is taken while the previous row let at most one column in this many through: where most
     * vectors hold a candidate, its test and mask walk cost more than the scalar loop's branch.
     */
    private static final int FEW_ONE_IN = 32;
    /** Candidates of the previous row. */
    private int lastCandidates;
    /** How many blocks the bound is taken over, and their maxima (scratch). */
    private final int blocks;
    private final float[] blockMaxima;

    RowTopK(int width, int k) {
        this.width = width;
        this.k = k;
        heap = new int[k];
        top = new float[k];
        candidate = new int[width];
        candidateValue = new float[width];
        blocks = (int) Math.min(width, (long) BLOCKS_PER_K * k);
        blockMaxima = new float[blocks];
    }

    /** Fills {@link #heap} with the columns of the k largest of v[off + c] + bias[c], c in [0, width). */
    void select(float[] v, int off, float[] bias) {
        if (k == 0) {
            return;
        }
        boolean nan = false;
        for (int b = 0; b < blocks; b++) {
            float m = blockMax(v, off, bias, (int) ((long) width * b / blocks), (int) ((long) width * (b + 1) / blocks));
            blockMaxima[b] = m;
            nan |= m != m;
        }
        float bound = nan ? Float.NaN : Selection.kthLargestInPlace(blockMaxima, blocks, k);
        // The vector scan wins while few pass; the previous row's count (rows of a batch are alike) says whether.
        int n = VECTOR && (long) lastCandidates * FEW_ONE_IN <= width
                ? VectorScan.atLeast(v, off, bias, width, bound, candidate, candidateValue)
                : gatherAtLeast(v, off, bias, width, bound);
        lastCandidates = n;
        if (n < k) { // only when NaN hides the block maxima: fall back to every column
            n = width;
            for (int c = 0; c < width; c++) {
                candidate[c] = c;
                candidateValue[c] = v[off + c] + bias[c];
            }
        }
        heapOf(n);
    }

    /** The size-k heap over the first n candidates, in their (column) order. */
    private void heapOf(int n) {
        System.arraycopy(candidate, 0, heap, 0, k);
        System.arraycopy(candidateValue, 0, top, 0, k);
        for (int j = k / 2 - 1; j >= 0; j--) {
            siftDown(j);
        }
        // Candidates come in column order, so a later one beats the minimum only by a larger value.
        float min = top[0];
        for (int e = k; e < n; e++) {
            if (candidateValue[e] > min) {
                heap[0] = candidate[e];
                top[0] = candidateValue[e];
                siftDown(0);
                min = top[0];
            }
        }
    }

    /** Whether heap slot a ranks above slot b: larger value, or equal value and lower column. */
    private boolean greater(int a, int b) {
        return top[a] > top[b] || (top[a] == top[b] && heap[a] < heap[b]);
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= k) {
                return;
            }
            int smallest = l + 1 < k && greater(l, l + 1) ? l + 1 : l;
            if (!greater(i, smallest)) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[smallest];
            heap[smallest] = t;
            float tv = top[i];
            top[i] = top[smallest];
            top[smallest] = tv;
            i = smallest;
        }
    }

    private static float blockMax(float[] v, int off, float[] bias, int from, int to) {
        if (VECTOR) {
            return VectorScan.max(v, off, bias, from, to);
        }
        float m = Float.NEGATIVE_INFINITY;
        for (int c = from; c < to; c++) {
            m = Math.max(m, v[off + c] + bias[c]);
        }
        return m;
    }

    /** Writes the columns with v[off + c] + bias[c] ≥ bound, ascending, and their values; returns how many. */
    private int gatherAtLeast(float[] v, int off, float[] bias, int width, float bound) {
        int n = 0;
        for (int c = 0; c < width; c++) {
            float x = v[off + c] + bias[c];
            if (x >= bound) {
                candidate[n] = c;
                candidateValue[n++] = x;
            }
        }
        return n;
    }
}
