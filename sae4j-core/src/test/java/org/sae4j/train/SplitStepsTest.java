package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sae4j.model.BatchResult;
import org.sae4j.tensor.SparseCode;

/**
 * A batch stepped in three partitions and reduced, as a data-parallel round does: within float rounding of the
 * local step for every row-separable objective (1e-5 of each array's largest value: the partitions' sums are
 * added in another order). One partition is the local step itself, bit for bit, for every model.
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

    private static List<Float> boxed(float[] v) {
        Float[] b = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = v[i];
        }
        return List.of(b);
    }
}
