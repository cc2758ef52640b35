package org.sae4j.tensor;

/**
 * Top-k per row among a chosen set of columns when k is a sizable share of them: AuxK keeps k_aux = d_in/2
 * (392 for 784 inputs) of the dead latents, often a tenth of them. {@link RowTopK}'s bound is made for small k
 * (it cuts the row into k blocks); at k = 392 of 3,800 it lets about half the row through a heap of 392, and
 * the selection cost 100-200 ms a step at batch 1024. Here each row's values are gathered once and the k-th
 * largest found in linear time (a histogram of the top bits, then a quickselect inside the one bucket that holds
 * it); one more pass keeps everything above it and, in column order, as many equal to it as k allows. That is the same set {@link Selection#topKPerRow} keeps (larger value
 * first, ties to the lower column), in the same ascending order, so the code is identical bit for bit.
 */
public final class WideTopK {
    private static final int BUCKET_BITS = 12;

    private WideTopK() {
    }

    /**
     * For each row r of {@code values} (rows × width), the k largest of values[r, c] + bias[c] over the
     * columns c in {@code columns} (ascending), k = min(k, columns.length), as a code over the full width
     * holding max(value, 0). Rows are independent, so any thread split gives the same bits.
     */
    public static SparseCode topKPerRow(float[] values, float[] bias, int rows, int width, int[] columns, int k) {
        int n = columns.length;
        int keep = Math.min(k, n);
        int[] start = new int[rows + 1];
        for (int r = 0; r <= rows; r++) {
            start[r] = r * keep;
        }
        int[] index = new int[rows * keep];
        float[] value = new float[rows * keep];
        if (keep == 0) {
            return new SparseCode(rows, width, start, index, value);
        }
        ParallelRows.run(rows, 1, (long) rows * n * 4, (from, to) -> {
            float[] row = new float[n];
            float[] scratch = new float[n];
            int[] histogram = new int[1 << BUCKET_BITS];
            int[] above = new int[1];
            for (int r = from; r < to; r++) {
                int off = r * width;
                boolean nan = false;
                java.util.Arrays.fill(histogram, 0);
                for (int j = 0; j < n; j++) { // gather, count by bucket and look for NaN in one pass
                    float x = values[off + columns[j]] + bias[columns[j]];
                    row[j] = x;
                    histogram[bucket(x)]++;
                    nan |= x != x;
                }
                if (nan) { // quickselect has no order for NaN: the heap's rule decides, as it always did
                    SparseCode one = Selection.topKPerRow(row, 1, n, keep);
                    for (int e = 0; e < keep; e++) {
                        index[r * keep + e] = columns[one.index()[e]];
                        value[r * keep + e] = one.value()[e];
                    }
                    continue;
                }
                float cut = kthLargest(row, n, keep, histogram, scratch, above);
                int equalBudget = keep - above[0];
                int e = r * keep;
                for (int j = 0; j < n; j++) {
                    float x = row[j];
                    if (x > cut || (x == cut && equalBudget-- > 0)) {
                        index[e] = columns[j];
                        value[e++] = Math.max(x, 0f);
                    }
                }
            }
        });
        return new SparseCode(rows, width, start, index, value);
    }

    /**
     * The k-th largest of row[0..n) (no NaN), given the row's {@link #bucket} counts; {@code above[0]} is set to
     * how many values are larger. The bucket holding the k-th largest is found from the top, and a quickselect
     * over that bucket's values alone finishes. A full quickselect mispredicts a branch on about every value it
     * moves; counting by bucket has no data-dependent branch.
     */
    private static float kthLargest(float[] row, int n, int k, int[] histogram, float[] scratch, int[] above) {
        int b = histogram.length - 1;
        int higher = 0;
        while (higher + histogram[b] < k) {
            higher += histogram[b--];
        }
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (bucket(row[j]) == b) {
                scratch[m++] = row[j];
            }
        }
        float cut = Selection.kthLargestInPlace(scratch, m, k - higher);
        int larger = higher; // every value in a higher bucket is larger; count the bucket's own
        for (int j = 0; j < m; j++) {
            larger += scratch[j] > cut ? 1 : 0;
        }
        above[0] = larger;
        return cut;
    }

    /**
     * The top {@link #BUCKET_BITS} bits (sign, exponent, three mantissa bits: an eighth of an octave) of an int
     * whose unsigned order is the float order: negatives get all bits flipped, the rest the sign. Adding +0 first
     * turns −0 into +0, so values that compare equal share a bucket and a higher bucket means a larger value.
     */
    private static int bucket(float x) {
        int bits = Float.floatToRawIntBits(x + 0f);
        return (bits ^ ((bits >> 31) | 0x80000000)) >>> (32 - BUCKET_BITS);
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
