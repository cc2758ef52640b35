package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sae4j.model.BatchResult;

/**
 * BatchTopK's inference threshold ({@link BatchTopKSae#THRESHOLD_BETA}): a debiased moving average of each training
 * batch's smallest kept activation, so its first value is the first batch's and every later one the weighted mean
 * Σ (1 − β)·β^(t−s)·m_s / (1 − β^t); checked by hand, across a save and load of the buffers, and for a file from before
 * the weight was kept (the plain moving average continues from its threshold).
 */
class BatchTopKThresholdTest {
    private static BatchTopKSae model() {
        return (BatchTopKSae) SaeFixtures.model(Architecture.BATCHTOPK);
    }

    private static void step(BatchTopKSae m, double minKept) {
        m.afterStep(BatchResult.sparse(0, 0, 0, null, null).withMinKept(minKept));
    }

    @Test
    void isTheDebiasedAverageOfTheBatchesMinima() {
        BatchTopKSae m = model();
        assertTrue(Double.isNaN(m.threshold()), "no threshold before a step");
        double[] minima = {2.0, 1.0, 0.5, 0.75};
        double b = BatchTopKSae.THRESHOLD_BETA;
        double sum = 0;
        double weight = 0;
        for (double minKept : minima) {
            step(m, minKept);
            sum = b * sum + (1 - b) * minKept;
            weight = b * weight + (1 - b);
            assertEquals(sum / weight, m.threshold(), 1e-6 * sum / weight);
        }
        // By hand at β = 0.99 after the first two: (0.99·0.01·2 + 0.01·1) / (0.99·0.01 + 0.01) = 0.0298 / 0.0199 =
        // 1.497487 (a plain 0.999 average from the first value reads 1.999).
        BatchTopKSae two = model();
        step(two, 2.0);
        assertEquals(2.0, two.threshold(), 0, "the first batch's minimum itself");
        step(two, 1.0);
        assertEquals(0.99, BatchTopKSae.THRESHOLD_BETA);
        assertEquals(0.0298 / 0.0199, two.threshold(), 1e-6);
    }

    @Test
    void continuesExactlyFromItsSavedBuffers() {
        BatchTopKSae m = model();
        step(m, 3.0);
        step(m, 1.0);
        Map<String, float[]> saved = m.buffers();
        BatchTopKSae loaded = model();
        saved.forEach(loaded::setBuffer);
        step(m, 0.5);
        step(loaded, 0.5);
        assertEquals(m.threshold(), loaded.threshold(), 0);
    }

    @Test
    void aFileWithoutTheWeightContinuesAsAPlainMovingAverage() {
        BatchTopKSae old = model();
        old.setBuffer("threshold", new float[] {1.5f});
        step(old, 0.5);
        double b = BatchTopKSae.THRESHOLD_BETA;
        assertEquals((float) (b * 1.5f + (1 - b) * 0.5), old.threshold(), 0);
    }
}
