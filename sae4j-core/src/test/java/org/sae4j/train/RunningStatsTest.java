package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The live per-batch explained variance is eval's definition, about the batch's own mean. */
class RunningStatsTest {
    @Test
    void batchExplainedVarianceMatchesTheHandComputation() {
        // Column means 3 and 4: sst = 16; sse = 0 + 1 + 1 = 2.
        float[] x = {1, 2, 3, 4, 5, 6};
        float[] xHat = {1, 2, 3, 5, 4, 6};
        assertEquals(1 - 2.0 / 16, RunningStats.batchExplainedVariance(x, xHat, 3, 2), 1e-12);
    }

    @Test
    void aConstantBatchHasNoVarianceToExplain() {
        assertTrue(Double.isNaN(RunningStats.batchExplainedVariance(new float[] {2, 7, 2, 7}, new float[] {2, 7, 2, 7}, 2, 2)));
        assertTrue(Double.isNaN(RunningStats.batchExplainedVariance(new float[] {2, 7}, new float[] {0, 0}, 1, 2)));
    }
}
