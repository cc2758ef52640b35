package org.sae4j.model.sae;

import java.util.Arrays;
import org.sae4j.tensor.SparseCode;

/**
 * Under a budget of L* latents per row ({@link org.sae4j.model.StepContext#budget}), how many of a batch's rows each
 * latent should fire on: its firings in the rows' top ⌈L*⌉ (entries above zero), times L* over ⌈L*⌉. The scaled counts
 * are rounded as one total, the largest remainders taking the units the floors leave (ties to the lower latent), so
 * they add up to the batch's budget. Rounding each count alone biased a fractional budget toward ⌈L*⌉: with a latent
 * in a few rows' top-k, as in any wide dictionary, counts of 1 to 4 at 3.5 of 4 all round back to themselves, and the
 * splits fired 3.64 a row where the budget was 3.5 (BudgetCountsTest).
 */
final class BudgetCounts {
    private BudgetCounts() {
    }

    /** The count of each of {@code width} latents, from each row's top {@code k} ({@code top}) and the budget. */
    static int[] of(SparseCode top, double budget, int k, int width) {
        int[] n = new int[width];
        int firings = 0;
        for (int e = 0; e < top.size(); e++) {
            int fires = top.value()[e] > 0f ? 1 : 0;
            n[top.index()[e]] += fires;
            firings += fires;
        }
        double scale = budget / k;
        if (scale == 1) {
            return n; // an integer budget: the firings themselves
        }
        double[] remainder = new double[width];
        long floors = 0;
        for (int i = 0; i < width; i++) {
            double scaled = n[i] * scale;
            n[i] = (int) Math.floor(scaled);
            remainder[i] = scaled - n[i];
            floors += n[i];
        }
        long left = Math.round(firings * scale) - floors; // 0 <= left < width: each floor lost less than one
        Integer[] order = new Integer[width];
        for (int i = 0; i < width; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : a - b);
        for (int j = 0; j < left; j++) {
            n[order[j]]++; // never above the firings, so never above the batch's rows
        }
        return n;
    }
}
