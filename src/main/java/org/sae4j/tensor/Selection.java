package org.sae4j.tensor;

import java.util.Arrays;

/**
 * Top-k selection without sorting the width: a size-k min-heap per row (O(width · log k)), and a quickselect
 * for the k largest values of a whole batch (BatchTopK). Ties go to the lower index, so selection is
 * deterministic.
 */
public final class Selection {
    private Selection() {
    }

    /**
     * The k largest entries of every row of {@code values} (rows × width), as a sparse code holding
     * max(value, 0) (TopK keeps the k largest pre-activations and applies ReLU to them); columns ascending.
     */
    public static SparseCode topKPerRow(float[] values, int rows, int width, int k) {
        int[] start = new int[rows + 1];
        for (int r = 0; r <= rows; r++) {
            start[r] = r * k;
        }
        int[] index = new int[rows * k];
        float[] value = new float[rows * k];
        ParallelRows.run(rows, 1, (long) rows * width * 4, (from, to) -> {
            int[] heap = new int[k];
            for (int r = from; r < to; r++) {
                topKRow(values, r * width, width, k, heap);
                Arrays.sort(heap);
                for (int j = 0; j < k; j++) {
                    index[r * k + j] = heap[j];
                    value[r * k + j] = Math.max(values[r * width + heap[j]], 0f);
                }
            }
        });
        return new SparseCode(rows, width, start, index, value);
    }

    /** Fills {@code heap} with the columns of the k largest values of one row (unordered). */
    static void topKRow(float[] v, int off, int width, int k, int[] heap) {
        for (int j = 0; j < k; j++) {
            heap[j] = j;
        }
        for (int j = k / 2 - 1; j >= 0; j--) {
            siftDown(v, off, heap, j, k);
        }
        // Columns arrive in ascending order, so a later column beats the heap's minimum only by a larger
        // value; keeping that value in a register makes the common case one compare.
        float min = v[off + heap[0]];
        for (int c = k; c < width; c++) {
            if (v[off + c] > min) {
                heap[0] = c;
                siftDown(v, off, heap, 0, k);
                min = v[off + heap[0]];
            }
        }
    }

    /** Whether column a ranks above column b: larger value, or equal value and lower index. */
    private static boolean greater(float[] v, int off, int a, int b) {
        float x = v[off + a];
        float y = v[off + b];
        return x > y || (x == y && a < b);
    }

    private static void siftDown(float[] v, int off, int[] heap, int i, int n) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                return;
            }
            int smallest = l;
            if (l + 1 < n && greater(v, off, heap[l], heap[l + 1])) {
                smallest = l + 1;
            }
            if (!greater(v, off, heap[i], heap[smallest])) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[smallest];
            heap[smallest] = t;
            i = smallest;
        }
    }

    /**
     * BatchTopK: the {@code k} largest positive values of all of {@code values[0..n)} (ties to the lower
     * position), as a sparse code over rows of {@code width}. Fewer are kept when fewer are positive.
     */
    public static SparseCode topKOfBatch(float[] values, int rows, int width, int k) {
        int n = rows * width;
        int positives = 0;
        for (int i = 0; i < n; i++) {
            positives += values[i] > 0f ? 1 : 0;
        }
        int keep = Math.min(k, positives);
        float cut = keep == 0 ? Float.POSITIVE_INFINITY : kthLargest(values, n, keep);
        // Keep everything above the cut, then values equal to it in position order until `keep` are taken.
        int above = 0;
        for (int i = 0; i < n; i++) {
            above += values[i] > cut ? 1 : 0;
        }
        int equalBudget = keep - above;
        int[] start = new int[rows + 1];
        int[] index = new int[keep];
        float[] value = new float[keep];
        int e = 0;
        for (int r = 0; r < rows; r++) {
            start[r] = e;
            for (int c = 0; c < width; c++) {
                float x = values[r * width + c];
                if (x > cut || (x == cut && equalBudget-- > 0)) {
                    index[e] = c;
                    value[e++] = x;
                }
            }
        }
        start[rows] = e;
        return new SparseCode(rows, width, start, index, value);
    }

    /** The k-th largest of values[0..n), 1 ≤ k ≤ n, by quickselect on a copy. */
    static float kthLargest(float[] values, int n, int k) {
        float[] a = Arrays.copyOf(values, n);
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
