package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sae4j.model.BatchResult;
import org.sae4j.model.Model;
import org.sae4j.model.StepContext;
import org.sae4j.tensor.SparseCode;

/**
 * A batch stepped in three partitions and reduced, as a data-parallel round does: within float rounding of the
 * local step for every row-separable objective (1e-5 of each array's largest value: the partitions' sums are
 * added in another order). One partition is the local step itself, bit for bit, for every model. A budgeted
 * JumpReLU's splits are the row-weighted mean of those its partitions define.
 */
class SplitStepsTest extends StepEngineContract {
    @Override
    StepEngine engine() {
        return new SplitSteps(3);
    }

    @Override
    double tolerance() {
        return 1e-5;
    }

    @Override
    boolean splitsBatches() {
        return true;
    }

    @Nested
    class OnePartition extends StepEngineContract {
        @Override
        StepEngine engine() {
            return new SplitSteps(1);
        }

        @Override
        double tolerance() {
            return 0;
        }

        @Override
        boolean splitsBatches() {
            return false;
        }
    }

    @Test
    void reductionWeightsByRowsConcatenatesInOrderAndTakesTheSmallestKept() {
        SparseCode a = new SparseCode(1, 4, new int[] {0, 2}, new int[] {0, 3}, new float[] {1f, 2f});
        SparseCode b = new SparseCode(3, 4, new int[] {0, 1, 1, 2}, new int[] {2, 1}, new float[] {3f, 4f});
        BatchResult ra = BatchResult.sparse(2.0, 1.0, 0.0, new float[] {1f, 1f}, a).withMinKept(0.5);
        BatchResult rb = BatchResult.sparse(6.0, 3.0, 4.0, new float[] {2f, 2f, 3f, 3f, 4f, 4f}, b).withMinKept(0.25);
        BatchResult r = SplitSteps.reduce(List.of(ra, rb), List.of(1, 3), 4, 4, 2);
        assertEquals(2.0 * 0.25 + 6.0 * 0.75, r.reconstruction(), 1e-12);
        assertEquals(1.0 * 0.25 + 3.0 * 0.75, r.penalty(), 1e-12);
        assertEquals(3.0, r.aux(), 1e-12);
        assertEquals(0.25, r.minKept());
        assertEquals(List.of(1f, 1f, 2f, 2f, 3f, 3f, 4f, 4f), boxed(r.output()));
        assertEquals(List.of(1f, 0f, 0f, 2f, 0f, 0f, 3f, 0f, 0f, 0f, 0f, 0f, 0f, 4f, 0f, 0f), boxed(r.sparse().toDense()));
    }

    @Test
    void theSplitsAreTheRowWeightedMeanOfThePartitionsThatDefineThem() {
        SparseCode a = new SparseCode(1, 4, new int[] {0, 0}, new int[0], new float[0]);
        SparseCode b = new SparseCode(3, 4, new int[] {0, 0, 0, 0}, new int[0], new float[0]);
        SparseCode c = new SparseCode(2, 4, new int[] {0, 0, 0}, new int[0], new float[0]);
        BatchResult ra = BatchResult.sparse(0, 0, 0, new float[2], a).withSplits(new float[] {1f, Float.NaN, 3f, Float.NaN});
        BatchResult rb = BatchResult.sparse(0, 0, 0, new float[6], b).withSplits(new float[] {5f, 2f, Float.NaN, Float.NaN});
        BatchResult rc = BatchResult.sparse(0, 0, 0, new float[4], c).withSplits(new float[] {-1f, 4f, Float.NaN, Float.NaN});
        BatchResult r = SplitSteps.reduce(List.of(ra, rb, rc), List.of(1, 3, 2), 6, 4, 2);
        // (1·1 + 3·5 + 2·(−1)) / 6; (3·2 + 2·4) / 5 over the two that define it; 3 from the one; NaN from none.
        assertArrayEquals(new float[] {14f / 6, 14f / 5, 3f, Float.NaN}, r.splits());
        assertNull(SplitSteps.reduce(List.of(BatchResult.sparse(0, 0, 0, new float[2], a)), List.of(1), 1, 4, 2).splits(),
                "a step without splits reduces to none");
    }

    /**
     * On a JumpReLU's budgeted step, split three ways: each latent's split is the mean, weighted by rows, of the splits
     * its partitions give when each is stepped on its own (NaN where none defines one; the hand-made reduction above
     * holds a NaN beside values).
     */
    @ParameterizedTest(name = "top-k selects {0}")
    @ValueSource(booleans = {true, false})
    void aBudgetedJumpReluStepsSplitsAreItsPartitionsMean(boolean budgetSelects) {
        Model m = StepEngineContract.budgetedJumpRelu();
        float[] x = StepEngineContract.rows();
        int rows = StepEngineContract.ROWS;
        StepContext context = new StepContext(null, 1.0, 0, 4.5, budgetSelects);
        float[] split = new SplitSteps(3).step(m, x, rows, context).splits();
        int d = m.rowSize();
        int width = m.latentSize();
        double[] sum = new double[width];
        int[] defining = new int[width];
        float[] first = null;
        int differing = 0; // latents whose partitions disagree: the mean is none of them
        for (int p = 0; p < 3; p++) {
            int from = rows * p / 3;
            int to = rows * (p + 1) / 3;
            float[] part = m.forwardBackward(Arrays.copyOfRange(x, from * d, to * d), to - from, context).splits();
            first = first == null ? part : first;
            for (int i = 0; i < width; i++) {
                differing += p > 0 && part[i] != first[i] ? 1 : 0;
                if (!Float.isNaN(part[i])) {
                    sum[i] += part[i] * (to - from);
                    defining[i] += to - from;
                }
            }
        }
        for (int i = 0; i < width; i++) {
            double want = defining[i] == 0 ? Double.NaN : sum[i] / defining[i];
            assertEquals(want, split[i], 1e-6 * Math.max(1, Math.abs(want)), "latent " + i);
        }
        assertTrue(differing > width / 2, "only " + differing + " latents whose partitions disagree");
    }

    private static List<Float> boxed(float[] v) {
        Float[] b = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = v[i];
        }
        return List.of(b);
    }
}
