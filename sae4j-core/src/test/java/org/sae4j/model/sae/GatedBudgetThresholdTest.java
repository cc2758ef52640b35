package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.model.sae.SaeFixtures.D;
import static org.sae4j.model.sae.SaeFixtures.WIDTH;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;
import org.sae4j.model.BatchResult;
import org.sae4j.model.Preparation;

/**
 * What a budgeted gated SAE does outside its step: after it, each latent's θ_i = b_mag,i − exp(r_mag,i)·b_gate,i moves
 * a tenth of the way to a positive split (θ ← 0.9·θ + 0.1·split) through b_gate alone, and stays where the split is
 * NaN, zero or negative, or where the step had no splits; the gate then opens exactly where π_mag > θ. Before the
 * first step, a fresh model trained to a target L0 gets decoder rows of unit norm, each encoder row divided alike.
 */
class GatedBudgetThresholdTest {
    private static final double LN2 = Math.log(2);

    /** The fixture's gated SAE with these b_mag, r_mag and b_gate. */
    private static GatedSae with(double[] bMag, double[] rMag, double[] bGate) {
        GatedSae m = (GatedSae) SaeFixtures.model(Architecture.GATED);
        for (int i = 0; i < WIDTH; i++) {
            m.bMag().value()[i] = (float) bMag[i];
            m.rMag().value()[i] = (float) rMag[i];
            m.encoderBias().value()[i] = (float) bGate[i];
        }
        return m;
    }

    private static BatchResult splits(float... splits) {
        return BatchResult.dense(0, 0, 0, null, null).withSplits(splits);
    }

    /** θ_i = b_mag,i − exp(r_mag,i)·b_gate,i of the model now, in double. */
    private static double[] theta(GatedSae m) {
        double[] theta = new double[WIDTH];
        for (int i = 0; i < WIDTH; i++) {
            theta[i] = m.bMag().value()[i] - Math.exp(m.rMag().value()[i]) * m.encoderBias().value()[i];
        }
        return theta;
    }

    @Test
    void eachThetaMovesATenthOfTheWayToItsPositiveSplitThroughTheGateBiasAlone() {
        double[] bMag = {0.3, 0.1, 1.0, 0.5, 0.2, 0.2, 0.2, 0.0, -0.3, 0.25, 0.0, 0.4};
        double[] rMag = {0, LN2, -LN2, 0, LN2, LN2, -LN2, 2 * LN2, 0, LN2, 0, -2 * LN2};
        double[] bGate = {-0.2, -0.05, 0.4, 1.0, 0.1, 0.1, 0.1, -0.1, -0.33, -0.5, -0.1, 0.8};
        float[] split = {1.5f, 0.1f, 0.3f, 0.5f, Float.NaN, 0f, -0.7f, 0.4f, -0f, 2.5f, 1e-30f, 0.7f};
        // By hand, θ = b_mag − e^r·b_gate → 0.9·θ + 0.1·split, then b_gate = (b_mag − θ')/e^r:
        // 0: 0.5 → 0.6, (0.3 − 0.6)/1 = −0.3;    1: 0.1 + 0.1 = 0.2 → 0.19, (0.1 − 0.19)/2 = −0.045;
        // 2: 1 − 0.2 = 0.8 → 0.75, 0.25/0.5 = 0.5;  3: θ = −0.5 (below zero) → −0.4, 0.9/1 = 0.9;
        // 4, 5, 6 and 8: NaN, 0, −0.7 and −0 leave b_gate;  7: 0 + 0.4 = 0.4 → 0.4 (its own split), −0.4/4 = −0.1;
        // 9: 0.25 + 1 = 1.25 → 1.375, −1.125/2 = −0.5625;  10: 0.1 → 0.09, −0.09;  11: 0.4 − 0.2 = 0.2 → 0.25, 0.6.
        double[] want = {-0.3, -0.045, 0.5, 0.9, 0.1, 0.1, 0.1, -0.1, -0.33, -0.5625, -0.09, 0.6};
        GatedSae m = with(bMag, rMag, bGate);
        float[] magBefore = m.bMag().value().clone();
        float[] scaleBefore = m.rMag().value().clone();
        m.afterStep(splits(split));
        for (int i = 0; i < WIDTH; i++) {
            assertEquals(want[i], m.encoderBias().value()[i], 1e-6, "b_gate of latent " + i + ", split " + split[i]);
        }
        assertArrayEquals(magBefore, m.bMag().value(), "b_mag is left to its gradient");
        assertArrayEquals(scaleBefore, m.rMag().value(), "r_mag is left to its gradient");
    }

    @Test
    void aSplitHeldForManyStepsIsApproachedGeometrically() {
        double[] bMag = new double[WIDTH];
        double[] rMag = new double[WIDTH];
        double[] bGate = new double[WIDTH];
        for (int i = 0; i < WIDTH; i++) {
            bMag[i] = 0.1 * i - 0.4;
            rMag[i] = 0.15 * i - 0.8;
            bGate[i] = 0.2 - 0.05 * i;
        }
        GatedSae m = with(bMag, rMag, bGate);
        double[] start = theta(m);
        float[] split = new float[WIDTH];
        Arrays.fill(split, 0.8f);
        for (int step = 1; step <= 30; step++) {
            m.afterStep(splits(split));
            double[] theta = theta(m);
            for (int i = 0; i < WIDTH; i++) {
                double want = 0.8 + Math.pow(0.9, step) * (start[i] - 0.8); // the gap shrinks by 0.9 a step
                assertEquals(want, theta[i], 1e-5, "latent " + i + ", step " + step);
            }
        }
    }

    @Test
    void aStepWithoutSplitsLeavesEveryGateBias() {
        GatedSae m = (GatedSae) SaeFixtures.model(Architecture.GATED);
        float[] before = m.encoderBias().value().clone();
        m.afterStep(BatchResult.dense(0, 0, 0, null, null));
        float[] nan = new float[WIDTH];
        Arrays.fill(nan, Float.NaN);
        m.afterStep(splits(nan));
        assertArrayEquals(before, m.encoderBias().value());
    }

    /**
     * After the update the model's own encode fires latent i exactly where π_mag > θ'_i (and π_mag > 0, the ReLU), θ'
     * computed by hand from the parameters before it, on random inputs and the fixture's random r_mag and b_mag; the
     * rule before the update would have fired differently, so the update is what is checked.
     */
    @Test
    void theGateThenOpensExactlyWherePiMagIsAboveTheNewTheta() {
        GatedSae m = (GatedSae) SaeFixtures.model(Architecture.GATED);
        double[] before = theta(m);
        float[] split = new float[WIDTH];
        double[] next = new double[WIDTH];
        for (int i = 0; i < WIDTH; i++) {
            split[i] = (float) (0.1 + 0.15 * i);
            next[i] = 0.9 * before[i] + 0.1 * split[i];
        }
        m.afterStep(splits(split));

        int rows = 400;
        float[] x = SaeFixtures.gaussian(31, rows * D);
        float[] f = m.encode(x, rows);
        float[] w = m.encoderWeight().value();
        float[] bd = m.decoderBias().value();
        int open = 0;
        int shutByTheta = 0;
        int changed = 0;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < WIDTH; i++) {
                double z = 0;
                for (int j = 0; j < D; j++) {
                    z += (x[r * D + j] - bd[j]) * w[i * D + j];
                }
                double mag = Math.exp(m.rMag().value()[i]) * z + m.bMag().value()[i];
                if (Math.abs(mag - next[i]) < 1e-4 || Math.abs(mag) < 1e-4) {
                    continue; // float rounding decides so close to an edge
                }
                boolean fires = mag > next[i] && mag > 0;
                assertEquals(fires, f[r * WIDTH + i] != 0f, "latent " + i + " of row " + r + ": π_mag " + mag
                        + ", θ' " + next[i]);
                open += fires ? 1 : 0;
                shutByTheta += !fires && mag > 0 ? 1 : 0;
                changed += fires != (mag > before[i] && mag > 0) ? 1 : 0;
            }
        }
        assertTrue(open > rows && shutByTheta > rows, open + " open, " + shutByTheta + " shut by θ with π_mag > 0");
        assertTrue(changed > 0, "the update changed no latent's firing");
    }

    private static Dataset sample() {
        return new Dataset("sample", SaeFixtures.gaussian(21, SaeFixtures.BATCH * D), SaeFixtures.BATCH, D);
    }

    @Test
    void aFreshModelTrainedToATargetStartsFromUnitDecoderRowsAndEncoderRowsScaledAlike() {
        GatedSae m = (GatedSae) SaeFixtures.model(Architecture.GATED);
        float[] enc = m.encoderWeight().value().clone();
        float[] dec = m.decoderWeight().value().clone();
        float[] centre = SaeFixtures.gaussian(22, D);
        m.prepare(new Preparation(centre, sample(), 4.0));
        assertArrayEquals(centre, m.decoderBias().value(), "b_dec at the centre");
        for (int i = 0; i < WIDTH; i++) {
            double sq = 0;
            for (int j = 0; j < D; j++) {
                sq += (double) dec[i * D + j] * dec[i * D + j];
            }
            double norm = Math.sqrt(sq);
            assertTrue(Math.abs(norm - 1) > 0.01, "row " + i + " has unit norm already: nothing to check");
            for (int j = 0; j < D; j++) {
                assertEquals(dec[i * D + j] / norm, m.decoderWeight().value()[i * D + j], 1e-6, "W_dec " + i + "," + j);
                assertEquals(enc[i * D + j] / norm, m.encoderWeight().value()[i * D + j], 1e-6 * (1 + 1 / norm),
                        "W_enc " + i + "," + j);
            }
        }
    }

    @Test
    void withoutATargetOrOnAModelTrainedBeforeTheRowsAreLeft() {
        for (boolean target : new boolean[] {false, true}) {
            GatedSae m = (GatedSae) SaeFixtures.model(Architecture.GATED);
            float[] enc = m.encoderWeight().value().clone();
            float[] dec = m.decoderWeight().value().clone();
            // No target: the λ rule's start. A target but no centre: the trainer's sign of a model trained before.
            m.prepare(target ? new Preparation(null, sample(), 4.0)
                    : new Preparation(SaeFixtures.gaussian(22, D), sample(), Double.NaN));
            assertArrayEquals(dec, m.decoderWeight().value(), "W_dec, target " + target);
            assertArrayEquals(enc, m.encoderWeight().value(), "W_enc, target " + target);
        }
    }
}
