package org.sae4j.eval.groundtruth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.tensor.Rng;

class GroundTruthMetricsTest {
    private static final double EPS = 1e-12;

    // True features f0 = (1, 0), f1 = (0, 1). Latents w0 = (1, 0), w1 = (0, -2), w2 = (3, 4):
    // cos(f0, w) = 1, 0, 0.6 and cos(f1, w) = 0, -1, 0.8.
    private static final float[] TRUTH = {1, 0, 0, 1};
    private static final float[] DECODER = {1, 0, 0, -2, 3, 4};

    private static GroundTruthMetrics hand() {
        return new GroundTruthMetrics(TRUTH, 2, DECODER, 3, 2);
    }

    @Test
    void mmcsTakesTheSignedMaximum() {
        // f0: max(1, 0, 0.6) = 1; f1: max(0, -1, 0.8) = 0.8 (|cos| would say 1).
        assertEquals(0.9, hand().mmcs(), EPS);
    }

    @Test
    void mccMatchesOneToOneOnAbsoluteCosine() {
        // |cos| rows: f0 (1, 0, 0.6), f1 (0, 1, 0.8): f0 - w0 and f1 - w1 give 1 + 1.
        assertArrayEquals(new int[] {0, 1}, hand().matching());
        assertEquals(1.0, hand().mcc(), EPS);
        // Without w1, f1 must take w2: (1 + 0.8) / 2.
        assertEquals(0.9, new GroundTruthMetrics(TRUTH, 2, new float[] {1, 0, 3, 4}, 2, 2).mcc(), EPS);
        // More features than latents: only min(G, W) = 1 pair counts; f0 - w2 (0.6) loses to f1 - w2 (0.8).
        assertEquals(0.8, new GroundTruthMetrics(TRUTH, 2, new float[] {3, 4}, 1, 2).mcc(), EPS);
    }

    @Test
    void uniquenessCountsDistinctBestFeaturesPerLatent() {
        // Best |cos| features: w0 -> f0, w1 -> f1, w2 -> f1 (0.8 > 0.6): 2 distinct over 3 latents.
        assertEquals(2.0 / 3, hand().uniqueness(), EPS);
    }

    @Test
    void precisionRecallAndF1AtAThreshold() {
        // At 0.9: only w0 detects anything (f0). P = 1/3, R = 1/2, F1 = 2 (1/6) / (5/6) = 0.4.
        GroundTruthReport r = hand().report(0.9, null);
        assertEquals(1.0 / 3, r.precision(), EPS);
        assertEquals(0.5, r.recall(), EPS);
        assertEquals(0.4, r.f1(), EPS);
        assertEquals(3, r.aliveLatents());
        // With w1 dead: P = 1/2, R = 1/2.
        r = hand().report(0.9, new boolean[] {true, false, true});
        assertEquals(0.5, r.precision(), EPS);
        assertEquals(0.5, r.f1(), EPS);
        assertEquals(2, r.aliveLatents());
        // At 0.75 w2 detects f1 too: P = 2/3, R = 1, F1 = 0.8.
        r = hand().report(0.75, null);
        assertEquals(2.0 / 3, r.precision(), EPS);
        assertEquals(1.0, r.recall(), EPS);
        assertEquals(0.8, r.f1(), EPS);
        assertEquals(0.9, r.mmcs(), EPS);
        assertEquals(1.0, r.mcc(), EPS);
    }

    @Test
    void aPermutedAndRescaledCopyRecoversEverything() {
        SyntheticSpec spec = SyntheticSpec.parse("synthetic:features=60,dim=12");
        float[] truth = spec.features();
        int[] perm = new Rng(1).permutation(60);
        float[] decoder = new float[truth.length];
        for (int j = 0; j < 60; j++) {
            for (int k = 0; k < 12; k++) {
                decoder[j * 12 + k] = 2.5f * truth[perm[j] * 12 + k];
            }
        }
        GroundTruthReport r = new GroundTruthMetrics(truth, 60, decoder, 60, 12).report();
        assertEquals(1.0, r.mmcs(), 1e-6);
        assertEquals(1.0, r.mcc(), 1e-6);
        assertEquals(1.0, r.uniqueness(), EPS);
        assertEquals(1.0, r.precision(), EPS);
        assertEquals(1.0, r.recall(), EPS);
    }

    @Test
    void randomDirectionsRecoverLittle() {
        float[] truth = SyntheticSpec.parse("synthetic:features=50,dim=64,seed=1").features();
        float[] decoder = SyntheticSpec.parse("synthetic:features=100,dim=64,seed=2").features();
        GroundTruthReport r = new GroundTruthMetrics(truth, 50, decoder, 100, 64).report();
        assertTrue(r.mmcs() < 0.6, "mmcs " + r.mmcs());
        assertTrue(r.mcc() < 0.6, "mcc " + r.mcc());
        assertEquals(0.0, r.recall());
    }

    @Test
    void zeroDecoderRowsPointNowhere() {
        GroundTruthMetrics m = new GroundTruthMetrics(TRUTH, 2, new float[] {0, 0, 0, 1}, 2, 2);
        assertEquals(0.0, m.cosine(0, 0));
        assertEquals(0.5, m.mmcs(), EPS);
        assertArrayEquals(new boolean[] {false, true}, GroundTruthMetrics.alive(new long[] {0, 3}));
    }
}
