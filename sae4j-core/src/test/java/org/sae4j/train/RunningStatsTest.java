package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sae4j.model.BatchResult;
import org.sae4j.model.EpochStats;

/**
 * The live per-batch explained variance is eval's definition, about the batch's own mean; an epoch's rate is of the
 * rows trained in this process, in this process's time, also after a resume.
 */
class RunningStatsTest {
    private long now = 5_000_000_000L;

    @Test
    void batchExplainedVarianceMatchesTheHandComputation() {
        // Column means 3 and 4: sst = 16; sse = 0 + 1 + 1 = 2.
        float[] x = {1, 2, 3, 4, 5, 6};
        float[] xHat = {1, 2, 3, 5, 4, 6};
        assertEquals(1 - 2.0 / 16, RunningStats.batchExplainedVariance(x, 2, 2, xHat, 3), 1e-12);
    }

    @Test
    void aTranscodersTargetIsReadInPlaceAfterItsInput() {
        // Rows [x | y] with x of 1 value and y of 2: the targets are those of the hand computation above, so the
        // same 1 - 2/16, and bit for bit what the copied targets give.
        float[] rows = {9, 1, 2, -4, 3, 4, 0.5f, 5, 6};
        float[] y = org.sae4j.model.TrainingRows.targets(rows, 3, 1, 2);
        float[] yHat = {1, 2, 3, 5, 4, 6};
        double inPlace = RunningStats.batchExplainedVariance(rows, 3, 2, yHat, 3);
        assertEquals(1 - 2.0 / 16, inPlace, 1e-12);
        assertEquals(Double.doubleToLongBits(RunningStats.batchExplainedVariance(y, 2, 2, yHat, 3)),
                Double.doubleToLongBits(inPlace));
    }

    @Test
    void aConstantBatchHasNoVarianceToExplain() {
        assertTrue(Double.isNaN(RunningStats.batchExplainedVariance(new float[] {2, 7, 2, 7}, 2, 2, new float[] {2, 7, 2, 7}, 2)));
        assertTrue(Double.isNaN(RunningStats.batchExplainedVariance(new float[] {2, 7}, 2, 2, new float[] {0, 0}, 1)));
    }

    @Test
    void aResumedEpochsRateCountsOnlyTheRowsTrainedSinceTheResume() {
        RunningStats before = new RunningStats(3, 8, () -> now);
        add(before, 250);
        add(before, 250);
        double[] saved = before.state(); // 500 rows into the epoch when the run was killed

        RunningStats resumed = new RunningStats(3, 8, () -> now);
        resumed.restore(saved);
        add(resumed, 40);
        add(resumed, 40);
        now += 2_000_000_000L; // 80 rows in 2 s
        EpochStats s = resumed.snapshot(Double.NaN);
        assertEquals(2.0, s.seconds(), 1e-9);
        assertEquals(40.0, s.samplesPerSecond(), 1e-9, "80 rows in 2 s, not the epoch's 580");
        assertEquals(0.5, s.l0(), 1e-12, "the epoch's figures still count all 580 rows");
    }

    private static void add(RunningStats stats, int rows) {
        float[] x = new float[rows * 2];
        float[] out = new float[rows * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 3;
            out[i] = x[i] * 0.5f;
        }
        stats.add(BatchResult.dense(0.1, 0.0, 0.0, out, new float[rows * 8]), x, rows, 2, 2, rows / 2, 0.0);
    }
}
