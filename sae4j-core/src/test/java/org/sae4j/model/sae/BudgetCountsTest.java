package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.sae4j.model.BatchResult;
import org.sae4j.model.StepContext;
import org.sae4j.tensor.JavaKernels;
import org.sae4j.tensor.SparseCode;

/**
 * How many rows of a batch a budget of L* fires each latent on ({@link BudgetCounts}): the counts of each latent in
 * the rows' top ⌈L*⌉, scaled to L* · rows, rounded as one total so that together they are the budget's share of
 * the batch; and, through a JumpReLU's budgeted step, that its splits fire exactly that many entries of the batch.
 * Rounding each latent's count on its own (the first form) biased a fractional budget toward ⌈L*⌉: on this test's
 * width-128 batch of 128, where a latent is in about four rows' top-4, the splits fired 3.64 a row for 3.5, 2.41 for
 * 2.25, 1.77 for 1.6, and a model trained to 3.5 (ThresholdBudgetTrainingTest) fired 3.86 on held-out rows.
 */
class BudgetCountsTest {

    @Test
    void theScaledCountsSumToTheScaledTotalLargestRemaindersFirst() {
        // 8 rows' top 2 of 8 latents, columns ascending; two entries at zero (a top-k entry that does not fire).
        // Firings: latents 0 and 1 twice, 2 and 3 once, 4 twice, 5 three times, 6 never (its one entry is 0), 7 three
        // times (and once at 0): 14 in all.
        int[] index = {0, 7, 1, 7, 2, 7, 3, 7, 4, 5, 4, 5, 5, 6, 0, 1};
        float[] value = {1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1};
        SparseCode code = new SparseCode(8, 8, new int[] {0, 2, 4, 6, 8, 10, 12, 14, 16}, index, value);
        // 2 of 2 on 8 rows is 16, but the top-2 fired 14 times (two entries at 0): x 16/14, floors 2, 2, 1, 1, 2, 3, 0, 3
        // (14), remainders 2/7, 2/7, 1/7, 1/7, 2/7, 3/7, 0, 3/7: the two largest (5 and 7) get one more.
        assertArrayEquals(new int[] {2, 2, 1, 1, 2, 4, 0, 4}, BudgetCounts.of(code, 2.0, 8, 8), "a budget of k itself");
        // 1.5 of 2: 12 of 14 firings, x 6/7: floors 1, 1, 0, 0, 1, 2, 0, 2 (7); remainders 5/7, 5/7, 6/7, 6/7, 5/7, 4/7,
        // 0, 4/7: the five largest, ties to the lower latent (2, 3, then 0, 1, 4), get one more.
        assertArrayEquals(new int[] {2, 2, 1, 1, 2, 2, 0, 2}, BudgetCounts.of(code, 1.5, 8, 8), "1.5 of 2");
        // 0.5 of 2: 4 of 14, x 2/7; every floor 0; remainders 4/7, 4/7, 2/7, 2/7, 4/7, 6/7, 0, 6/7: 5 and 7, then 0, 1.
        assertArrayEquals(new int[] {1, 1, 0, 0, 0, 1, 0, 1}, BudgetCounts.of(code, 0.5, 8, 8), "0.5 of 2");
        // Every row's top-2 fires latent 0 and the budget asks more: it stops at every row, the rest go elsewhere.
        SparseCode full = new SparseCode(2, 3, new int[] {0, 2, 4}, new int[] {0, 1, 0, 2}, new float[] {1, 1, 1, 1});
        assertArrayEquals(new int[] {2, 2, 2}, BudgetCounts.of(full, 3.0, 2, 3), "capped at the rows");
    }

    /**
     * One budgeted step of a JumpReLU of width 128 on 128 rows: the entries of the batch above their latent's split,
     * a row's mean, are the budget (the positive top-k entries times L* over ⌈L*⌉, rounded once).
     */
    @ParameterizedTest(name = "budget {0}")
    @CsvSource({"3.5", "2.25", "4", "1.6"})
    void theSplitsFireTheBudgetOnTheBatchTheyCameFrom(double budget) {
        int d = 24;
        int width = 128;
        int rows = 128;
        SparseAutoencoder m = SparseAutoencoder.create(SaeBuilder.of(Architecture.JUMPRELU, d).width(width).seed(3)
                .bandwidth(0.05).initialThreshold(0.1).config(), JavaKernels.INSTANCE);
        float[] x = SaeFixtures.gaussian(4, rows * d);
        BatchResult r = m.forwardBackward(x, rows, new StepContext(null, 1.0, 0, budget, true));
        float[] we = m.encoderWeight().value();
        float[] be = m.encoderBias().value();
        float[] bd = m.decoderBias().value();
        int k = (int) Math.ceil(budget);
        long positives = 0;
        long above = 0;
        for (int row = 0; row < rows; row++) {
            double[] z = new double[width];
            for (int i = 0; i < width; i++) {
                double s = be[i];
                for (int j = 0; j < d; j++) {
                    s += (x[row * d + j] - bd[j]) * we[i * d + j];
                }
                z[i] = s;
                float split = r.splits()[i];
                // NaN: the budget fires the latent on every row. The margin: a latent the budget never fires splits at its
                // column's largest z, which this double sum may pass by a float's rounding.
                above += Float.isNaN(split) || s > split + 1e-5 ? 1 : 0;
            }
            double[] sorted = z.clone();
            Arrays.sort(sorted);
            for (int j = 1; j <= k; j++) {
                positives += sorted[width - j] > 0 ? 1 : 0;
            }
        }
        long want = Math.round(budget * rows);
        System.out.printf("budget %.2f: %d positive top-%d entries, %d above the splits (want %d)%n", budget, positives,
                k, above, want);
        assertEquals(want, above, "entries above their latent's split");
    }
}
