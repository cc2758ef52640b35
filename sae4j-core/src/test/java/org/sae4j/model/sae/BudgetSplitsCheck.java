package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

/**
 * The splits a budgeted step should report, computed anew in double from the pre-activations the budget ranks (z for
 * JumpReLU, π_mag for gated): latent i's split is the midpoint between the n_i-th and (n_i+1)-th of its column, n_i the
 * rows whose top ⌈L*⌉ hold it above zero, scaled to L* · rows over all such firings and rounded down or up so that the
 * counts add up to round(L* · rows). Shared by the budget tests of both architectures that follow the splits.
 */
final class BudgetSplitsCheck {
    private BudgetSplitsCheck() {
    }

    /** Asserts {@code splits} are the budget's for {@code pre} (rows × width), with more than two of them defined. */
    static void assertSplits(double[][] pre, float[] splits, double budget) {
        int rows = pre.length;
        int width = pre[0].length;
        int k = (int) Math.ceil(budget);
        boolean[][] top = new boolean[rows][width];
        long all = 0;
        for (int r = 0; r < rows; r++) {
            double[] sorted = pre[r].clone();
            Arrays.sort(sorted);
            for (int i = 0; i < width; i++) {
                top[r][i] = pre[r][i] > 0 && pre[r][i] >= sorted[width - k];
                all += top[r][i] ? 1 : 0;
            }
        }
        long total = Math.round(budget * rows);
        int defined = 0;
        long counted = 0;
        for (int i = 0; i < width; i++) {
            int fired = 0;
            double[] column = new double[rows];
            for (int r = 0; r < rows; r++) {
                fired += top[r][i] ? 1 : 0;
                column[r] = pre[r][i];
            }
            Arrays.sort(column);
            // n_i is fired scaled to L*·rows over all firings, rounded down or up (BudgetCounts shares the units out):
            // the split is one of the two.
            double scaled = Math.min(rows, (double) fired * total / all);
            int n = -1;
            for (int candidate = (int) Math.floor(scaled); candidate <= (int) Math.ceil(scaled) && n < 0; candidate++) {
                double want = candidate == rows ? Double.NaN : candidate == 0 ? column[rows - 1]
                        : (column[rows - candidate] + column[rows - candidate - 1]) / 2;
                boolean same = Double.isNaN(want) ? Float.isNaN(splits[i]) : Math.abs(want - splits[i]) <= 1e-5;
                n = same ? candidate : -1;
            }
            assertTrue(n >= 0, "split of latent " + i + " " + splits[i] + ": none of " + scaled + " rounded");
            counted += n;
            defined += n > 0 && n < rows ? 1 : 0;
        }
        assertEquals(total, counted, "the counts add up to the batch's budget, L* · rows");
        assertTrue(defined > 2, "only " + defined + " latents with 0 < n < rows");
    }
}
