package org.sae4j.eval.groundtruth;

import java.util.Arrays;

/**
 * Optimal one-to-one assignment on a rectangular score matrix (Kuhn-Munkres with row and column potentials,
 * the O(n^2 m) shortest-augmenting-path form for n rows no more than m columns; a tall matrix is transposed).
 * Hand-written on purpose: the one maintained Java implementation, JGraphT's KuhnMunkres matcher, is a 1.5 MB
 * graph library (plus jheaps) that wants a square complete bipartite graph object, for some 80 lines here.
 */
public final class Hungarian {
    private Hungarian() {
    }

    /**
     * Matches each row of {@code score} ([rows, cols] row-major) to a distinct column so that the total score is
     * as large as possible, min(rows, cols) pairs in all. Returns, per row, its column, or -1 for a row left
     * unmatched (only when rows > cols).
     */
    public static int[] maximize(double[] score, int rows, int cols) {
        double[] cost = new double[score.length];
        for (int i = 0; i < score.length; i++) {
            cost[i] = -score[i];
        }
        return minimize(cost, rows, cols);
    }

    /** As {@link #maximize} but the total is as small as possible. */
    public static int[] minimize(double[] cost, int rows, int cols) {
        if (rows < 0 || cols < 0 || cost.length != rows * cols) {
            throw new IllegalArgumentException(cost.length + " costs for " + rows + " x " + cols);
        }
        for (double c : cost) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("non-finite cost " + c);
            }
        }
        if (rows <= cols) {
            return wide(cost, rows, cols);
        }
        double[] t = new double[cost.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = cost[i * cols + j];
            }
        }
        int[] colToRow = wide(t, cols, rows);
        int[] rowToCol = new int[rows];
        Arrays.fill(rowToCol, -1);
        for (int j = 0; j < cols; j++) {
            rowToCol[colToRow[j]] = j;
        }
        return rowToCol;
    }

    /** n <= m: every row gets a column. Arrays are 1-based with 0 as the sentinel "virtual" column. */
    private static int[] wide(double[] a, int n, int m) {
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] match = new int[m + 1]; // match[j]: the row (1-based) holding column j, 0 when free
        int[] way = new int[m + 1];
        double[] minv = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            match[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            // Grow a tree of tight edges from row i until it reaches a free column (Dijkstra on reduced costs).
            do {
                used[j0] = true;
                int i0 = match[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = a[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[match[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (match[j0] != 0);
            // Flip the augmenting path back to the root.
            do {
                int j1 = way[j0];
                match[j0] = match[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowToCol = new int[n];
        for (int j = 1; j <= m; j++) {
            if (match[j] != 0) {
                rowToCol[match[j] - 1] = j - 1;
            }
        }
        return rowToCol;
    }
}
