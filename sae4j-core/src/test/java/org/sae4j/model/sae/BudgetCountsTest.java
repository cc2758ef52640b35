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
 * the rows' top ⌈L*⌉, scaled by L* over ⌈L*⌉, rounded as one total so that together they are the budget's share of
 * the batch; and, through a JumpReLU's budgeted step, that its splits fire exactly that many entries of the batch.
 * Rounding each latent's count on its own (the first form) biased a fractional budget toward ⌈L*⌉: on this test's
 * width-128 batch of 128, where a latent is in about four rows' top-4, the splits fired 3.64 a row for 3.5, 2.41 for
 * 2.25, 1.77 for 1.6, and a model trained to 3.5 (JumpReluBudgetTrainingTest) fired 3.86 on held-out rows.
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
        assertArrayEquals(new int[] {2, 2, 1, 1, 2, 3, 0, 3}, BudgetCounts.of(code, 2.0, 2, 8), "a budget of k itself");
        // 1.5 of 2: 14 firings x 0.75 = 10.5, rounded 11. Floors 1, 1, 0, 0, 1, 2, 0, 2 (7); remainders .5, .5, .75,
        // .75, .5, .25, 0, .25: the four largest, ties to the lower latent (2, 3, then 0, 1), get one more.
        assertArrayEquals(new int[] {2, 2, 1, 1, 1, 2, 0, 2}, BudgetCounts.of(code, 1.5, 2, 8), "1.5 of 2");
        // 0.5 of 2: 3.5, rounded 4; every floor 0; remainders .5, .5, .25, .25, .5, .75, 0, .75: 5 and 7, then 0, 1.
        assertArrayEquals(new int[] {1, 1, 0, 0, 0, 1, 0, 1}, BudgetCounts.of(code, 0.5, 2, 8), "0.5 of 2");
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
        long want = Math.round(positives * budget / k);
        System.out.printf("budget %.2f: %d positive top-%d entries, %d above the splits (want %d)%n", budget, positives,
                k, above, want);
        assertEquals(want, above, "entries above their latent's split");
    }
}
