package org.sae4j.tensor;

/**
 * For each column of a row-major [rows × width] matrix and a count n, the value that splits the column after its n
 * largest entries: the midpoint of the n-th and (n+1)-th largest, so that exactly n entries lie above it (ties
 * aside). The largest entry itself when n is 0 (nothing lies above it), NaN when n is the number of rows (no value
 * of the column splits below all of them). JumpReLU's thresholds follow these under a top-k budget.
 *
 * <p>Columns are gathered a block at a time (a row's block is one or two cache lines, where a column alone would cost
 * a line per entry), then each is split by a quickselect with a deterministic pivot: O(rows) a column, where sorting
 * would be O(rows log rows). Columns are independent, so any thread split gives the same bits.
 */
public final class ColumnSplits {
    /** Columns gathered per pass over the rows: 16 floats, one 64-byte line of each row. */
    private static final int BLOCK = 16;

    private ColumnSplits() {
    }

    public static float[] of(float[] values, int rows, int width, int[] counts) {
        if (counts.length != width) {
            throw new IllegalArgumentException("counts has " + counts.length + " entries for " + width + " columns");
        }
        float[] split = new float[width];
        int blocks = (width + BLOCK - 1) / BLOCK;
        ParallelRows.run(blocks, 1, (long) rows * width, (from, to) -> {
            float[] gathered = new float[BLOCK * rows];
            for (int b = from; b < to; b++) {
                int c0 = b * BLOCK;
                int n = Math.min(BLOCK, width - c0);
                for (int r = 0; r < rows; r++) {
                    int at = r * width + c0;
                    for (int j = 0; j < n; j++) {
                        gathered[j * rows + r] = values[at + j];
                    }
                }
                for (int j = 0; j < n; j++) {
                    split[c0 + j] = splitOf(gathered, j * rows, rows, counts[c0 + j]);
                }
            }
        });
        return split;
    }

    /** The split after the {@code n} largest of a[from, from + len); reorders that range. */
    static float splitOf(float[] a, int from, int len, int n) {
        if (n < 0 || n > len) {
            throw new IllegalArgumentException("count " + n + " outside 0.." + len);
        }
        if (n == len) {
            return Float.NaN;
        }
        float next = select(a, from, from + len, from + n); // the (n+1)-th largest, at from + n
        if (n == 0) {
            float max = next;
            for (int i = from + 1; i < from + len; i++) {
                max = Math.max(max, a[i]);
            }
            return max;
        }
        float nth = a[from];
        for (int i = from + 1; i < from + n; i++) {
            nth = Math.min(nth, a[i]); // the n largest lie before from + n, unordered
        }
        return nth == next ? nth : (float) (0.5 * ((double) nth + next));
    }

    /**
     * Places in a[at] the value a descending sort of a[lo, hi) would hold there, with larger-or-equal values before it
     * and smaller-or-equal after (Hoare partition around a median of three; deterministic), and returns it.
     */
    private static float select(float[] a, int lo, int hi, int at) {
        int left = lo;
        int right = hi - 1;
        while (right > left) {
            int mid = (left + right) >>> 1;
            float pivot = median(a[left], a[mid], a[right]);
            int i = left;
            int j = right;
            while (i <= j) {
                while (a[i] > pivot) {
                    i++;
                }
                while (a[j] < pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (at <= j) {
                right = j;
            } else if (at >= i) {
                left = i;
            } else {
                break; // j < at < i: a[at] equals the pivot, in its final place
            }
        }
        return a[at];
    }

    private static float median(float x, float y, float z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }
}
