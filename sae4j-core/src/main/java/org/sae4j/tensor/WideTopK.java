package org.sae4j.tensor;

/**
 * Top-k per row among a chosen set of columns when k is a sizable share of them, keeping only the positive
 * values: AuxK keeps k_aux = d_in/2 (392 for 784 inputs) of the dead latents, often a tenth of them, and the
 * ones ReLU zeroes add to no sum. {@link RowTopK}'s bound is made for small k (it cuts the row into k blocks);
 * at k = 392 of 3,800 it let about half the row through a heap of 392, and the selection cost 100-200 ms a step
 * at batch 1024. Here one pass gathers a row's positive values; when k or fewer are positive they are the answer,
 * else the k-th largest is found in linear time (a histogram of the top bits, then a quickselect inside the one
 * bucket that holds it) and one more pass keeps everything above it and, in column order, as many equal to it
 * as k allows. That is {@link Selection#topKPerRow} (larger value first, ties to the lower column) followed by
 * {@link SparseCode#withoutZeros()}: the same entries in the same order, bit for bit.
 */
public final class WideTopK {
    private static final int BUCKET_BITS = 12;
    /** The first pass reads whole vectors under a mask when the default backend is the vector one (see below). */
    private static final boolean VECTOR = Kernels.defaults().name().startsWith("vector");
    /**
     * Which first pass a row takes follows the previous row's share of positives among the chosen columns (rows of
     * a batch are alike; all three find the same columns in the same order): at most one in {@link #RARE_ONE_IN},
     * the masked vector pass; at most one in {@link #FEW_ONE_IN}, the indexed loop with a branch on the sign; more,
     * the indexed loop without a branch. Measured on one core, 1,024 rows of 24,576 with 90% chosen: about 0.1%
     * positive, 10 ms masked, 20 ms with the branch, 29 without; 7%, 44, 50 and 46; 30%, 104, 136 and 58. In
     * training steps a cut at one in 16 for the masked pass measured slower than the branch alone: with a few
     * percent positive, most vectors hold one.
     */
    private static final int RARE_ONE_IN = 64;
    private static final int FEW_ONE_IN = 16;

    private WideTopK() {
    }

    /**
     * For each row r of {@code values} (rows × width), the k largest of values[r, c] + bias[c] over the columns c
     * in {@code columns} (ascending) that are above zero (NaN counts as kept, as in the heap), as a code over the
     * full width. Rows are independent, so any thread split gives the same bits.
     */
    public static SparseCode positiveTopKPerRow(float[] values, float[] bias, int rows, int width, int[] columns,
                                                int k) {
        int n = columns.length;
        int keep = Math.min(k, n);
        int[] count = new int[rows];
        int[] index = new int[rows * keep];
        float[] value = new float[rows * keep];
        // With half the columns or more chosen and few of them positive, reading every column as vectors under a
        // mask beats walking the chosen ones by index (see RARE_ONE_IN); all passes find the same columns in order.
        boolean[] mask = VECTOR && 2L * n >= width ? maskOf(columns, width) : null;
        if (keep > 0) {
            ParallelRows.run(rows, 1, (long) rows * n * 4, (from, to) -> {
                Row row = new Row(n);
                for (int r = from; r < to; r++) {
                    count[r] = row.select(values, r * width, bias, columns, mask, keep, index, value, r * keep);
                }
            });
        }
        int[] start = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            start[r + 1] = start[r] + count[r];
        }
        int[] packedIndex = new int[start[rows]];
        float[] packedValue = new float[start[rows]];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(index, r * keep, packedIndex, start[r], count[r]);
            System.arraycopy(value, r * keep, packedValue, start[r], count[r]);
        }
        return new SparseCode(rows, width, start, packedIndex, packedValue);
    }

    /** One thread's scratch for its rows in turn. */
    private static final class Row {
        private final float[] positive;
        private final int[] column;
        private final float[] scratch;
        private final int[] histogram = new int[1 << BUCKET_BITS];
        /** The previous row's positives: rows of one batch are alike, so it predicts which first pass is faster. */
        private int lastPositives;

        Row(int n) {
            positive = new float[n];
            column = new int[n];
            scratch = new float[n];
        }

        /** Writes the row's kept entries at {@code at}, columns ascending; returns how many. */
        int select(float[] values, int off, float[] bias, int[] columns, boolean[] mask, int keep, int[] index,
                   float[] value, int at) {
            int p = 0;
            boolean nan = false;
            if (mask != null && (long) lastPositives * RARE_ONE_IN <= columns.length) {
                p = VectorScan.positives(values, off, bias, mask.length, mask, column, positive);
                nan = p < 0;
            } else if ((long) lastPositives * FEW_ONE_IN <= columns.length) {
                for (int j = 0; j < columns.length; j++) {
                    float x = values[off + columns[j]] + bias[columns[j]];
                    nan |= x != x;
                    if (x > 0f) {
                        positive[p] = x;
                        column[p++] = columns[j];
                    }
                }
            } else { // branch-free: a branch on the sign mispredicts on about every other value when many are positive
                for (int j = 0; j < columns.length; j++) {
                    float x = values[off + columns[j]] + bias[columns[j]];
                    nan |= x != x;
                    positive[p] = x;
                    column[p] = columns[j];
                    p += x > 0f ? 1 : 0;
                }
            }
            lastPositives = nan ? 0 : p;
            if (nan) {
                return heapSelect(values, off, bias, columns, keep, index, value, at);
            }
            if (p <= keep) { // every positive value is among the k largest
                System.arraycopy(column, 0, index, at, p);
                System.arraycopy(positive, 0, value, at, p);
                return p;
            }
            float cut = kthLargest(p, keep);
            int larger = 0;
            for (int j = 0; j < p; j++) {
                larger += positive[j] > cut ? 1 : 0;
            }
            int equalBudget = keep - larger;
            int e = at;
            for (int j = 0; j < p; j++) {
                float x = positive[j];
                if (x > cut || (x == cut && equalBudget-- > 0)) {
                    index[e] = column[j];
                    value[e++] = x;
                }
            }
            return keep;
        }

        /** A row with NaN, which quickselect cannot order: the heap's rule decides, as it always did. */
        private int heapSelect(float[] values, int off, float[] bias, int[] columns, int keep, int[] index,
                               float[] value, int at) {
            for (int j = 0; j < columns.length; j++) {
                scratch[j] = values[off + columns[j]] + bias[columns[j]];
            }
            SparseCode one = Selection.topKPerRow(scratch, 1, columns.length, keep);
            int e = at;
            for (int j = 0; j < keep; j++) {
                if (one.value()[j] != 0f) {
                    index[e] = columns[one.index()[j]];
                    value[e++] = one.value()[j];
                }
            }
            return e - at;
        }

        /**
         * The k-th largest of positive[0..p). The values are counted by the top {@link #BUCKET_BITS} bits of
         * their bits (exponent and four mantissa bits for positive floats, whose bit patterns order as they do:
         * a bucket is a sixteenth of an octave), the bucket holding the k-th largest is found from the top, and
         * a quickselect over that bucket's values alone finishes. A quickselect over the whole row mispredicts a
         * branch on about every value it moves; counting by bucket has no data-dependent branch.
         */
        private float kthLargest(int p, int k) {
            java.util.Arrays.fill(histogram, 0);
            for (int j = 0; j < p; j++) {
                histogram[bucket(positive[j])]++;
            }
            int b = histogram.length - 1;
            int higher = 0;
            while (higher + histogram[b] < k) {
                higher += histogram[b--];
            }
            int m = 0;
            for (int j = 0; j < p; j++) {
                if (bucket(positive[j]) == b) {
                    scratch[m++] = positive[j];
                }
            }
            return Selection.kthLargestInPlace(scratch, m, k - higher);
        }

        private static int bucket(float positive) {
            return Float.floatToRawIntBits(positive) >>> (31 - BUCKET_BITS);
        }
    }

    private static boolean[] maskOf(int[] columns, int width) {
        boolean[] mask = new boolean[width];
        for (int c : columns) {
            mask[c] = true;
        }
        return mask;
    }

    /** The columns c with {@code mask[c]} set, ascending. */
    public static int[] columnsOf(boolean[] mask) {
        int n = 0;
        for (boolean m : mask) {
            n += m ? 1 : 0;
        }
        int[] columns = new int[n];
        int j = 0;
        for (int c = 0; c < mask.length; c++) {
            if (mask[c]) {
                columns[j++] = c;
            }
        }
        return columns;
    }
}
