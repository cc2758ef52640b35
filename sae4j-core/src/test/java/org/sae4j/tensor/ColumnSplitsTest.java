package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ColumnSplits} against a sort of each column: on odd shapes (widths that are not a multiple of the 16-column
 * block, from one row to 300), every count from 0 to the rows, values under zero, and columns full of ties; with
 * distinct values exactly n entries lie above the split, with ties at most n above and at least n at or above; and
 * the same bits however the column blocks are split over threads.
 */
class ColumnSplitsTest {

    @AfterEach
    void resetThreads() {
        ParallelRows.threadsForTests = 0;
    }

    /** rows, width: one row, one column, widths on both sides of a block of 16, many rows. */
    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(1, 1), Arguments.of(1, 17), Arguments.of(2, 15), Arguments.of(3, 16),
                Arguments.of(7, 33), Arguments.of(40, 5), Arguments.of(129, 31), Arguments.of(300, 47));
    }

    /** Which values a matrix holds. */
    enum Values {
        /** Gaussian around −0.3: about 60% under zero, no two equal in practice. */
        GAUSSIAN,
        /** A shuffle of distinct quarters from −rows·width/2 up: no ties, and every midpoint exact in float. */
        DISTINCT,
        /** Seven values in [−1.5, 1.5]: long runs of ties in every column. */
        TIES
    }

    static float[] matrix(Values kind, int rows, int width, long seed) {
        Random r = new Random(seed);
        int size = rows * width;
        float[] v = new float[size];
        switch (kind) {
            case GAUSSIAN -> {
                for (int i = 0; i < size; i++) {
                    v[i] = (float) (r.nextGaussian() - 0.3);
                }
            }
            case DISTINCT -> {
                for (int i = 0; i < size; i++) {
                    v[i] = (i - size / 2) * 0.25f;
                }
                for (int i = size - 1; i > 0; i--) { // Fisher-Yates
                    int j = r.nextInt(i + 1);
                    float t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                }
            }
            case TIES -> {
                for (int i = 0; i < size; i++) {
                    v[i] = (r.nextInt(7) - 3) * 0.5f;
                }
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        return v;
    }

    /** The split of one column by sorting it: the reference, computed without any selection. */
    static float sortedSplit(float[] values, int rows, int width, int column, int n) {
        float[] col = new float[rows];
        for (int r = 0; r < rows; r++) {
            col[r] = values[r * width + column];
        }
        Arrays.sort(col); // ascending: the n-th largest is col[rows - n]
        if (n == rows) {
            return Float.NaN;
        }
        float next = col[rows - 1 - n];
        if (n == 0) {
            return col[rows - 1];
        }
        float nth = col[rows - n];
        return nth == next ? nth : (float) (((double) nth + next) / 2);
    }

    @ParameterizedTest(name = "{0} rows x {1}")
    @MethodSource("shapes")
    void everyCountOfEveryColumnMatchesTheSortAndSplitsWhereItShould(int rows, int width) {
        for (Values kind : Values.values()) {
            float[] values = matrix(kind, rows, width, 31L * rows + width + kind.ordinal());
            float[] before = values.clone();
            // Pass c gives column j the count (c + j) mod (rows + 1): over the passes every column meets every count.
            for (int c = 0; c <= rows; c++) {
                int[] counts = new int[width];
                for (int j = 0; j < width; j++) {
                    counts[j] = (c + j) % (rows + 1);
                }
                float[] split = ColumnSplits.of(values, rows, width, counts);
                for (int j = 0; j < width; j++) {
                    String at = kind + " column " + j + " count " + counts[j];
                    assertEquals(sortedSplit(values, rows, width, j, counts[j]), split[j], at);
                    if (counts[j] == rows) {
                        continue; // NaN: nothing to count against
                    }
                    int above = 0;
                    int atOrAbove = 0;
                    for (int r = 0; r < rows; r++) {
                        above += values[r * width + j] > split[j] ? 1 : 0;
                        atOrAbove += values[r * width + j] >= split[j] ? 1 : 0;
                    }
                    if (kind == Values.TIES) {
                        assertTrue(above <= counts[j] && atOrAbove >= counts[j], at + ": " + above + " above, "
                                + atOrAbove + " at or above");
                    } else {
                        assertEquals(counts[j], above, at + ": entries above the split");
                    }
                }
            }
            assertArrayEquals(before, values, kind + ": the matrix is left as it was");
        }
    }

    @Test
    void theEdgesAreTheColumnMaximumAndNaN() {
        // One column, hand-made: 2, -1, 5, 0.5 sorted down is 5, 2, 0.5, -1.
        float[] column = {2f, -1f, 5f, 0.5f};
        float[] want = {5f, 3.5f, 1.25f, -0.25f, Float.NaN};
        for (int n = 0; n <= 4; n++) {
            assertEquals(want[n], ColumnSplits.of(column, 4, 1, new int[] {n})[0], "count " + n);
        }
        float[] allEqual = {-2f, -2f, -2f};
        assertEquals(-2f, ColumnSplits.of(allEqual, 3, 1, new int[] {1})[0], "a tie splits at the tied value");
    }

    @Test
    void anySplitOfTheColumnBlocksOverThreadsGivesTheSameBits() {
        int rows = 300;
        int width = 1003; // 300 x 1003 is above the work at which ParallelRows forks; 63 blocks, the last of 11
        for (Values kind : Values.values()) {
            float[] values = matrix(kind, rows, width, 17 + kind.ordinal());
            int[] counts = new int[width];
            Random r = new Random(5);
            for (int j = 0; j < width; j++) {
                counts[j] = j % 50 == 0 ? (j % 100 == 0 ? 0 : rows) : r.nextInt(rows + 1);
            }
            ParallelRows.threadsForTests = 1;
            float[] one = ColumnSplits.of(values, rows, width, counts);
            for (int j = 0; j < width; j++) {
                assertEquals(sortedSplit(values, rows, width, j, counts[j]), one[j], kind + " column " + j);
            }
            for (int t : new int[] {2, 3, 8}) {
                ParallelRows.threadsForTests = t;
                float[] other = ColumnSplits.of(values, rows, width, counts);
                for (int j = 0; j < width; j++) {
                    assertEquals(Float.floatToRawIntBits(one[j]), Float.floatToRawIntBits(other[j]),
                            kind + " column " + j + " split for " + t + " threads");
                }
            }
        }
    }

    @Test
    void countsThatDoNotFitTheMatrixAreRefusedNamingTheValue() {
        float[] values = new float[3 * 4];
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> ColumnSplits.of(values, 3, 4, new int[3]));
        assertEquals("counts has 3 entries for 4 columns", length.getMessage());
        IllegalArgumentException over = assertThrows(IllegalArgumentException.class,
                () -> ColumnSplits.of(values, 3, 4, new int[] {0, 4, 1, 1}));
        assertEquals("count 4 outside 0..3", over.getMessage());
        IllegalArgumentException under = assertThrows(IllegalArgumentException.class,
                () -> ColumnSplits.of(values, 3, 4, new int[] {0, 1, -1, 1}));
        assertEquals("count -1 outside 0..3", under.getMessage());
    }
}
