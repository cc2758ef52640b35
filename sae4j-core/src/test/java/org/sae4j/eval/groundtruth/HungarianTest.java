package org.sae4j.eval.groundtruth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sae4j.tensor.Rng;

class HungarianTest {

    /** The best total over every injective map of the smaller side into the larger, by exhaustion. */
    private static double bruteForceMax(double[] s, int rows, int cols) {
        return rows <= cols ? best(s, rows, cols, 0, new boolean[cols], false)
                : best(s, cols, rows, 0, new boolean[rows], true);
    }

    private static double best(double[] s, int n, int m, int i, boolean[] used, boolean transposed) {
        if (i == n) {
            return 0;
        }
        double top = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            if (!used[j]) {
                used[j] = true;
                double v = (transposed ? s[j * n + i] : s[i * m + j]) + best(s, n, m, i + 1, used, transposed);
                top = Math.max(top, v);
                used[j] = false;
            }
        }
        return top;
    }

    private static double total(double[] s, int cols, int[] match) {
        double t = 0;
        for (int i = 0; i < match.length; i++) {
            t += match[i] >= 0 ? s[i * cols + match[i]] : 0;
        }
        return t;
    }

    private static void assertValidMatching(int[] match, int rows, int cols) {
        boolean[] taken = new boolean[cols];
        int pairs = 0;
        for (int c : match) {
            if (c >= 0) {
                assertTrue(c < cols && !taken[c], "column " + c + " reused");
                taken[c] = true;
                pairs++;
            }
        }
        assertEquals(Math.min(rows, cols), pairs);
        assertEquals(rows, match.length);
    }

    @Test
    void handExample() {
        // Greedy takes 9 (row 0, col 0) and ends at 9 + 1 + 6 = 16; the optimum is 8 + 7 + 6 = 21.
        double[] s = {
            9, 8, 1,
            7, 1, 1,
            1, 1, 6,
        };
        int[] match = Hungarian.maximize(s, 3, 3);
        assertArrayEquals(new int[] {1, 0, 2}, match);
        assertEquals(21, total(s, 3, match));
        assertArrayEquals(new int[] {2, 1, 0}, Hungarian.minimize(new double[] {
            5, 4, 1,
            5, 1, 5,
            1, 5, 5,
        }, 3, 3));
    }

    @Test
    void matchesBruteForceOnRandomRectangularMatrices() {
        Rng rng = new Rng(2024);
        for (int trial = 0; trial < 400; trial++) {
            int rows = 1 + rng.nextInt(6);
            int cols = 1 + rng.nextInt(6);
            double[] s = new double[rows * cols];
            boolean ties = trial % 3 == 0;
            for (int k = 0; k < s.length; k++) {
                // Every third matrix draws from few values, so ties are common.
                s[k] = ties ? rng.nextInt(3) : rng.gaussian();
            }
            int[] match = Hungarian.maximize(s, rows, cols);
            assertValidMatching(match, rows, cols);
            assertEquals(bruteForceMax(s, rows, cols), total(s, cols, match), 1e-9,
                    "trial " + trial + " (" + rows + " x " + cols + ")");
        }
    }

    @Test
    void emptySidesGiveEmptyMatchings() {
        assertArrayEquals(new int[0], Hungarian.maximize(new double[0], 0, 4));
        assertArrayEquals(new int[] {-1, -1}, Hungarian.maximize(new double[0], 2, 0));
    }
}
