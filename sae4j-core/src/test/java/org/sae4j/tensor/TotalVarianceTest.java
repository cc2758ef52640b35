package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The total variance about the column means, against a hand computation and an independent one-pass formula; and, bit
 * for bit, against the per-value-quotient form the trainer's history was computed with before this one summation.
 */
class TotalVarianceTest {

    @Test
    void matchesTheHandComputation() {
        // Column means 3 and 4: deviations (-2, -2), (0, 0), (2, 2) give 4 + 4 + 0 + 0 + 4 + 4 = 16.
        assertEquals(16.0, TotalVariance.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2), 0);
        assertEquals(0.0, TotalVariance.of(new float[] {2, 7, 2, 7}, 2, 2), 0);
        assertEquals(0.0, TotalVariance.of(new float[] {2, 7}, 1, 2), 0);
        // The same matrix as columns 1 and 2 of rows of 4, read in place.
        assertEquals(16.0, TotalVariance.of(new float[] {9, 1, 2, 9, 9, 3, 4, 9, 9, 5, 6, 9}, 3, 2, 4, 1), 0);
    }

    @Test
    void matchesTheSumOfSquaresLessTheSquaredSumOverRows() {
        int rows = 37;
        int cols = 11;
        float[] e = matrix(17, rows, cols);
        double expected = 0;
        for (int c = 0; c < cols; c++) { // column by column: sum x^2 - (sum x)^2 / n, another order and formula
            double s = 0;
            double s2 = 0;
            for (int r = 0; r < rows; r++) {
                s += e[r * cols + c];
                s2 += (double) e[r * cols + c] * e[r * cols + c];
            }
            expected += s2 - s * s / rows;
        }
        assertEquals(expected, TotalVariance.of(e, rows, cols), 1e-9 * expected);
    }

    @Test
    void dividingTheMeanOncePerColumnKeepsTheBitsOfDividingPerValue() {
        int rows = 64;
        int cols = 24;
        float[] e = matrix(5, rows, cols);
        double[] sum = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                sum[c] += e[r * cols + c];
            }
        }
        double perValue = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double d = e[r * cols + c] - sum[c] / rows;
                perValue += d * d;
            }
        }
        assertEquals(Double.doubleToLongBits(perValue), Double.doubleToLongBits(TotalVariance.of(e, rows, cols)));
    }

    /** Gaussian values about a column-dependent mean, so the centring matters. */
    private static float[] matrix(long seed, int rows, int cols) {
        Rng rng = new Rng(seed);
        float[] e = new float[rows * cols];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) (0.5 * (i % cols) + 2 * rng.gaussian());
        }
        return e;
    }

    @Test
    void bothAtOnceHaveTheBitsOfEachAlone() {
        for (int[] shape : new int[][] {{1, 1}, {3, 2}, {64, 24}, {37, 11}}) {
            float[] a = matrix(21, shape[0], shape[1]);
            float[] b = matrix(22, shape[0], shape[1]);
            double[] both = TotalVariance.ofBoth(a, b, shape[0], shape[1]);
            assertEquals(Double.doubleToLongBits(TotalVariance.of(a, shape[0], shape[1])), Double.doubleToLongBits(both[0]));
            assertEquals(Double.doubleToLongBits(TotalVariance.of(b, shape[0], shape[1])), Double.doubleToLongBits(both[1]));
        }
    }
}
