package org.sae4j.model.sae;

import java.util.Arrays;
import org.sae4j.tensor.SparseCode;

/**
 * Under a budget of L* latents per row ({@link org.sae4j.model.StepContext#budget}), how many of a batch's rows each
 * latent should fire on: its firings in the rows' top ⌈L*⌉ (entries above zero), scaled so that they add up to
 * round(L* · rows), at most every row. Why scale to L* · rows and not to the firings: rows with fewer than ⌈L*⌉
 * positive pre-activations leave the top-k short, as TopK's own L0 falls below k, and the thresholds' L0 fell 6% short
 * of the target with them (SparsityControllerTest). The scaled counts are rounded as one total, the largest remainders
 * taking the units the floors leave (ties to the lower latent): rounding each count alone biased a fractional budget
 * toward ⌈L*⌉, as counts of 1 to 4 at 3.5 of 4 all round back to themselves, and the splits fired 3.64 a row where the
 * budget was 3.5 (BudgetCountsTest).
 */
final class BudgetCounts {
    private BudgetCounts() {
    }

    /** The count of each of {@code width} latents over {@code rows} rows, from each row's top-k ({@code top}). */
    static int[] of(SparseCode top, double budget, int rows, int width) {
        int[] n = new int[width];
        long firings = 0;
        for (int e = 0; e < top.size(); e++) {
            int fires = top.value()[e] > 0f ? 1 : 0;
            n[top.index()[e]] += fires;
            firings += fires;
        }
        long total = Math.min((long) rows * width, Math.round(budget * rows));
        if (firings == 0 || firings == total) {
            return n; // nothing to scale, or an integer budget every row's top-k met: the firings themselves
        }
        double scale = (double) total / firings;
        double[] remainder = new double[width];
        long floors = 0;
        for (int i = 0; i < width; i++) {
            double scaled = n[i] * scale;
            n[i] = (int) Math.min(rows, Math.floor(scaled));
            remainder[i] = n[i] == rows ? -1 : scaled - n[i]; // a latent on every row takes no more
            floors += n[i];
        }
        // Only latents with a remainder take a unit: one the top-k never picked (remainder 0) stays at 0, so a latent
        // capped at every row leaves the total short rather than lending its share by index. Only they are sorted:
        // in a wide dictionary most latents have none.
        Integer[] order = new Integer[width];
        int candidates = 0;
        for (int i = 0; i < width; i++) {
            if (remainder[i] > 0) {
                order[candidates++] = i;
            }
        }
        Arrays.sort(order, 0, candidates,
                (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : a - b);
        for (int j = 0; j < total - floors && j < candidates; j++) {
            n[order[j]]++;
        }
        return n;
    }
}
