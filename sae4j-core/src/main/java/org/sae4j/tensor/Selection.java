package org.sae4j.tensor;

import java.util.Arrays;

/**
 * Top-k selection without sorting the width: a size-k min-heap per row ({@link RowTopK}), and a quickselect
 * for the k largest values of a whole batch (BatchTopK). Ties go to the lower index, so selection is
 * deterministic. Both take the encoder bias and add it as they read, so the biased pre-activations are
 * never written out: the pass after the encoder product reads each row once.
 */
public final class Selection {
    private Selection() {
    }

    /**
     * The k largest entries of every row of {@code values} (rows × width), as a sparse code holding
     * max(value, 0) (TopK keeps the k largest pre-activations and applies ReLU to them); columns ascending.
     */
    public static SparseCode topKPerRow(float[] values, int rows, int width, int k) {
        return topKPerRow(values, new float[width], rows, width, k);
    }

    /**
     * The same for {@code values + bias} (bias added to every row), which is never stored: each row is read
     * from memory once, and the bias, the ReLU and the selection run while it is in cache. Rows are
     * independent, so any thread split gives the same bits.
     */
    public static SparseCode topKPerRow(float[] values, float[] bias, int rows, int width, int k) {
        int[] start = new int[rows + 1];
        for (int r = 0; r <= rows; r++) {
            start[r] = r * k;
        }
        int[] index = new int[rows * k];
        float[] value = new float[rows * k];
        ParallelRows.run(rows, 1, (long) rows * width * 4, (from, to) -> {
            RowTopK top = new RowTopK(width, k);
            int[] heap = top.heap;
            for (int r = from; r < to; r++) {
                int off = r * width;
                top.select(values, off, bias);
                Arrays.sort(heap);
                for (int j = 0; j < k; j++) {
                    index[r * k + j] = heap[j];
                    value[r * k + j] = Math.max(values[off + heap[j]] + bias[heap[j]], 0f);
                }
            }
        });
        return new SparseCode(rows, width, start, index, value);
    }

    /**
     * BatchTopK: the {@code k} largest positive values of all of {@code values + bias} (bias added to every
     * row of {@code width}; ties to the lower position), as a sparse code. Fewer are kept when fewer are
     * positive. Only the positive values can be kept, so one pass per row (in parallel) counts them, a second
     * gathers them, and the quickselect and the final scan run over those alone, not the whole batch.
     */
    public static SparseCode topKOfBatch(float[] values, float[] bias, int rows, int width, int k) {
        int[] rowStart = new int[rows + 1];
        ParallelRows.run(rows, 1, (long) rows * width, (from, to) -> {
            for (int r = from; r < to; r++) {
                int n = 0;
                for (int c = 0; c < width; c++) {
                    n += values[r * width + c] + bias[c] > 0f ? 1 : 0;
                }
                rowStart[r + 1] = n;
            }
        });
        for (int r = 0; r < rows; r++) {
            rowStart[r + 1] += rowStart[r];
        }
        int positives = rowStart[rows];
        int[] column = new int[positives];
        float[] positive = new float[positives];
        ParallelRows.run(rows, 1, (long) rows * width, (from, to) -> {
            for (int r = from; r < to; r++) {
                int e = rowStart[r];
                for (int c = 0; c < width; c++) {
                    float x = values[r * width + c] + bias[c];
                    if (x > 0f) {
                        column[e] = c;
                        positive[e++] = x;
                    }
                }
            }
        });
        int keep = Math.min(k, positives);
        float cut = keep == 0 ? Float.POSITIVE_INFINITY : kthLargest(positive, positives, keep);
        // Keep everything above the cut, then values equal to it in position order until `keep` are taken.
        int above = 0;
        for (int e = 0; e < positives; e++) {
            above += positive[e] > cut ? 1 : 0;
        }
        int equalBudget = keep - above;
        int[] start = new int[rows + 1];
        int[] index = new int[keep];
        float[] value = new float[keep];
        int kept = 0;
        for (int r = 0; r < rows; r++) {
            start[r] = kept;
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                float x = positive[e];
                if (x > cut || (x == cut && equalBudget-- > 0)) {
                    index[kept] = column[e];
                    value[kept++] = x;
                }
            }
        }
        start[rows] = kept;
        return new SparseCode(rows, width, start, index, value);
    }

    /**
     * The entries of {@code values + bias} (bias added to every row) above {@code theta} and above zero,
     * as a sparse code holding their values: BatchTopK's inference rule, taken straight to its sparse form
     * so no dense code is built. One pass per row counts, a second fills; rows are independent, so any
     * thread split gives the same bits.
     */
    public static SparseCode aboveThreshold(float[] values, float[] bias, int rows, int width, float theta) {
        float[] thetas = new float[width];
        Arrays.fill(thetas, theta);
        return aboveThresholds(values, bias, rows, width, thetas);
    }

    /** The same with a threshold per column: JumpReLU's rule, f = z · [z > θ_i]. */
    public static SparseCode aboveThresholds(float[] values, float[] bias, int rows, int width, float[] theta) {
        int[] start = new int[rows + 1];
        ParallelRows.run(rows, 1, (long) rows * width, (from, to) -> {
            for (int r = from; r < to; r++) {
                int n = 0;
                for (int c = 0; c < width; c++) {
                    float x = values[r * width + c] + bias[c];
                    n += x > theta[c] && x > 0f ? 1 : 0;
                }
                start[r + 1] = n;
            }
        });
        for (int r = 0; r < rows; r++) {
            start[r + 1] += start[r];
        }
        int[] index = new int[start[rows]];
        float[] value = new float[start[rows]];
        ParallelRows.run(rows, 1, (long) rows * width, (from, to) -> {
            for (int r = from; r < to; r++) {
                int e = start[r];
                for (int c = 0; c < width; c++) {
                    float x = values[r * width + c] + bias[c];
                    if (x > theta[c] && x > 0f) {
                        index[e] = c;
                        value[e++] = x;
                    }
                }
            }
        });
        return new SparseCode(rows, width, start, index, value);
    }

    /** The k-th largest of values[0..n), 1 ≤ k ≤ n, by quickselect on a copy. */
    static float kthLargest(float[] values, int n, int k) {
        return kthLargestInPlace(Arrays.copyOf(values, n), n, k);
    }

    /** The same, reordering a[0..n) itself (no NaN in it). */
    static float kthLargestInPlace(float[] a, int n, int k) {
        int target = n - k; // index in ascending order
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            float pivot = medianOf3(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return a[target];
            }
        }
        return a[target];
    }

    private static float medianOf3(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
