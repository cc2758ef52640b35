package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The linear selection over a subset of columns against a sort-based reference and against the heap
 * selection ({@link Selection#topKPerRow}) on the gathered columns with its zeros dropped, which AuxK used
 * before: the same entries, order and bits, with ties, values under zero, −0 beside +0, NaN rows, k at and
 * above the subset's size, any thread split.
 */
class WideTopKTest {
    private static final int ROWS = 61;
    private static final int WIDTH = 500;

    @AfterEach
    void resetThreads() {
        ParallelRows.threadsForTests = 0;
    }

    @Test
    void keepsTheSameEntriesAsTheHeapAndASortForManyShares() {
        Random r = new Random(7);
        float[] product = new float[ROWS * WIDTH];
        for (int i = 0; i < product.length; i++) {
            product[i] = (r.nextInt(400) - 250) / 64f; // a coarse grid: equal values happen often
        }
        product[3 * WIDTH + 11] = Float.NaN; // one row the quickselect cannot order
        float[] bias = new float[WIDTH];
        for (int c = 0; c < WIDTH; c++) {
            bias[c] = (r.nextInt(16) - 8) / 64f;
        }
        for (int c = 0; c < 40; c++) { // −0 sums beside +0 ones: equal as floats, apart as bits
            bias[c] = -0f;
            for (int row = 0; row < ROWS; row += 2) {
                product[row * WIDTH + c] = -0f;
            }
        }
        // A row whose k-th largest is a zero: 4 positive, 36 of ±0, the rest negative.
        for (int c = 0; c < WIDTH; c++) {
            product[5 * WIDTH + c] = c < 4 ? 1f : c < 40 ? (c % 2 == 0 ? -0f : 0f) : -10f;
        }
        for (double share : new double[] {0.01, 0.1, 0.5, 0.95, 1.0}) {
            boolean[] mask = new boolean[WIDTH];
            for (int c = 0; c < WIDTH; c++) {
                mask[c] = r.nextDouble() < share;
            }
            int[] columns = WideTopK.columnsOf(mask);
            assertEquals(IntStream.range(0, WIDTH).filter(c -> mask[c]).count(), columns.length);
            for (int k : new int[] {1, 5, 37, columns.length, columns.length + 3}) {
                SparseCode got = WideTopK.positiveTopKPerRow(product, bias, ROWS, WIDTH, columns, k);
                SparseCode heap = heapOnGathered(product, bias, columns, k);
                assertArrayEquals(heap.rowStart(), got.rowStart(), "share " + share + ", k " + k);
                assertArrayEquals(heap.index(), got.index(), "share " + share + ", k " + k);
                assertArrayEquals(heap.value(), got.value(), "share " + share + ", k " + k);
                for (int row = 0; row < ROWS; row++) {
                    if (row != 3) {
                        int[] kept = java.util.Arrays.copyOfRange(got.index(), got.rowStart()[row],
                                got.rowStart()[row + 1]);
                        assertArrayEquals(sorted(product, bias, columns, k, row), kept, "row " + row);
                    }
                }
                ParallelRows.threadsForTests = 1;
                SparseCode one = WideTopK.positiveTopKPerRow(product, bias, ROWS, WIDTH, columns, k);
                ParallelRows.threadsForTests = 3;
                SparseCode three = WideTopK.positiveTopKPerRow(product, bias, ROWS, WIDTH, columns, k);
                ParallelRows.threadsForTests = 0;
                assertArrayEquals(one.index(), three.index());
                assertArrayEquals(one.value(), three.value());
                assertArrayEquals(one.value(), got.value());
            }
        }
    }

    /**
     * Rows whose positives are rare (the masked vector pass), a few (the indexed pass with a branch) and many (the
     * branch-free one), each kind after each other, with a NaN row: every row as the heap and the sort keep it, for
     * any thread split.
     */
    @Test
    void rowsWithFewAndManyPositivesGiveTheSameEntriesEitherPass() {
        Random r = new Random(8);
        float[] product = new float[ROWS * WIDTH];
        for (int i = 0; i < product.length; i++) {
            int row = i / WIDTH;
            int kind = (row / 7) % 3; // runs of seven rows of each kind: about 1%, 40% and 4% positive
            int oneIn = kind == 0 ? 100 : kind == 1 ? 0 : 25;
            product[i] = oneIn == 0 ? (r.nextInt(400) - 150) / 64f
                    : r.nextInt(oneIn) == 0 ? (1 + r.nextInt(50)) / 16f : -1f;
        }
        product[20 * WIDTH + 33] = Float.NaN;
        float[] bias = new float[WIDTH];
        boolean[] mask = new boolean[WIDTH];
        for (int c = 0; c < WIDTH; c++) {
            mask[c] = r.nextInt(10) != 0;
        }
        mask[33] = true;
        int[] columns = WideTopK.columnsOf(mask);
        for (int k : new int[] {2, 30, 400}) {
            SparseCode heap = heapOnGathered(product, bias, columns, k);
            for (int threads : new int[] {1, 2, 5}) {
                ParallelRows.threadsForTests = threads;
                SparseCode got = WideTopK.positiveTopKPerRow(product, bias, ROWS, WIDTH, columns, k);
                String what = "k " + k + ", " + threads + " threads";
                assertArrayEquals(heap.rowStart(), got.rowStart(), what);
                assertArrayEquals(heap.index(), got.index(), what);
                assertArrayEquals(heap.value(), got.value(), what);
            }
            for (int row = 0; row < ROWS; row++) {
                if (row != 20) {
                    assertArrayEquals(sorted(product, bias, columns, k, row), java.util.Arrays.copyOfRange(
                            heap.index(), heap.rowStart()[row], heap.rowStart()[row + 1]), "k " + k + ", row " + row);
                }
            }
        }
    }

    /** What AuxK did before: gather the columns, the heap's per-row top-k, columns mapped back, zeros dropped. */
    private static SparseCode heapOnGathered(float[] product, float[] bias, int[] columns, int k) {
        int n = columns.length;
        float[] gathered = new float[ROWS * n];
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < n; j++) {
                gathered[r * n + j] = product[r * WIDTH + columns[j]] + bias[columns[j]];
            }
        }
        SparseCode local = Selection.topKPerRow(gathered, ROWS, n, Math.min(k, n));
        int[] index = new int[local.size()];
        for (int e = 0; e < index.length; e++) {
            index[e] = columns[local.index()[e]];
        }
        return new SparseCode(ROWS, WIDTH, local.rowStart(), index, local.value()).withoutZeros();
    }

    /**
     * The reference: sort the row's columns by value (descending), ties to the lower column, keep the first k that
     * are above zero, ascending.
     */
    private static int[] sorted(float[] product, float[] bias, int[] columns, int k, int row) {
        Integer[] order = IntStream.of(columns).boxed().toArray(Integer[]::new);
        Comparator<Integer> larger = (c1, c2) -> {
            float a = product[row * WIDTH + c1] + bias[c1];
            float b = product[row * WIDTH + c2] + bias[c2];
            return a > b ? -1 : a < b ? 1 : Integer.compare(c1, c2); // float order: −0 ties +0
        };
        java.util.Arrays.sort(order, larger);
        return IntStream.range(0, Math.min(k, columns.length)).map(i -> order[i])
                .filter(c -> product[row * WIDTH + c] + bias[c] > 0f).sorted().toArray();
    }
}
