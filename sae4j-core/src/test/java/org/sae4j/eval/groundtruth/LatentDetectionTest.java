package org.sae4j.eval.groundtruth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatentDetectionTest {
    private static final double EPS = 1e-12;

    @Test
    void perLatentConfusionCountsMatchAHandTally() {
        // Same geometry as GroundTruthMetricsTest: w0 targets f0, w1 and w2 target f1.
        GroundTruthMetrics match = new GroundTruthMetrics(new float[] {1, 0, 0, 1}, 2,
                new float[] {1, 0, 0, -2, 3, 4}, 3, 2);
        LatentDetection d = new LatentDetection(match, 2, 3);
        assertEquals(0, d.target(0));
        assertEquals(1, d.target(1));
        assertEquals(1, d.target(2));
        float[] truth = {1, 0, 0, 1, 1, 1, 0, 0};
        float[] codes = {1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0};
        d.add(codes, truth, 2);
        d.add(java.util.Arrays.copyOfRange(codes, 6, 12), java.util.Arrays.copyOfRange(truth, 4, 8), 2);
        // w0: TP s1, FN s3, FP s4, TN s2 -> P 1/2, R 1/2, F1 1/2, accuracy 2/4.
        // w1: TP s2 s3, TN s1 s4 -> 1, 1, 1, 1.
        // w2: TP s2, FN s3, TN s1 s4 -> P 1, R 1/2, F1 2/3, accuracy 3/4.
        LatentDetection.Scores s = d.scores();
        assertEquals((0.5 + 1 + 1) / 3, s.precision(), EPS);
        assertEquals((0.5 + 1 + 0.5) / 3, s.recall(), EPS);
        assertEquals((0.5 + 1 + 2.0 / 3) / 3, s.f1(), EPS);
        assertEquals((0.5 + 1 + 0.75) / 3, s.accuracy(), EPS);
        assertEquals(4, d.samples());
    }
}
