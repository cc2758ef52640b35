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
            for (int r = from; r < to; r++) {
                int off = r * width;
                boolean nan = false;
                for (int j = 0; j < n; j++) {
                    float x = values[off + columns[j]] + bias[columns[j]];
                    row[j] = x;
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
                float cut = kthLargest(row, n, keep, histogram, scratch);
                int above = 0;
                for (int j = 0; j < n; j++) {
                    above += row[j] > cut ? 1 : 0;
                }
                int equalBudget = keep - above;
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
     * The k-th largest of row[0..n) (no NaN): the values' order-preserving integer keys are counted by their top
     * {@link #BUCKET_BITS} bits (sign, exponent, three mantissa bits: a bucket is an eighth of an octave), the
     * bucket holding the k-th largest is found from the top, and a quickselect over that bucket's values alone
     * finishes. A full quickselect mispredicts a branch on about every value it moves; the histogram has no
     * data-dependent branch. −0 and +0 land in different buckets but compare equal, so the value found compares
     * equal to the k-th largest either way.
     */
    private static float kthLargest(float[] row, int n, int k, int[] histogram, float[] scratch) {
        java.util.Arrays.fill(histogram, 0);
        for (int j = 0; j < n; j++) {
            histogram[key(row[j]) >>> (32 - BUCKET_BITS)]++;
        }
        int bucket = histogram.length - 1;
        int above = 0;
        while (above + histogram[bucket] < k) {
            above += histogram[bucket--];
        }
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (key(row[j]) >>> (32 - BUCKET_BITS) == bucket) {
                scratch[m++] = row[j];
            }
        }
        return Selection.kthLargestInPlace(scratch, m, k - above);
    }

    /** An int whose unsigned order is the float order (−0 below +0): flip all bits of negatives, the sign of the rest. */
    private static int key(float x) {
        int bits = Float.floatToRawIntBits(x);
        return bits ^ ((bits >> 31) | 0x80000000);
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
