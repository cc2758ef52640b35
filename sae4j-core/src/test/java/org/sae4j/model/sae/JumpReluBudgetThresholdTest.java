package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sae4j.model.sae.SaeFixtures.BATCH;
import static org.sae4j.model.sae.SaeFixtures.D;
import static org.sae4j.model.sae.SaeFixtures.WIDTH;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;
import org.sae4j.model.BatchResult;
import org.sae4j.model.Preparation;

/**
 * What a budgeted JumpReLU does outside its step: after it, each θ_i moves a tenth of the way to its latent's split
 * (θ ← 0.9·θ + 0.1·split, never below ε/2) and stays where the split is NaN, zero or negative, or where the step
 * had no splits; before the first step, a fresh model trained to a target L0 gets decoder rows of unit norm, each
 * encoder row divided by the same norm.
 */
class JumpReluBudgetThresholdTest {
    /** The fixture's ε: θ never goes below half of it. */
    private static final double FLOOR = 0.05 / 2;

    private static JumpReluSae withThresholds(double... theta) {
        JumpReluSae m = (JumpReluSae) SaeFixtures.model(Architecture.JUMPRELU);
        float[] log = JumpReluBudgetGradientTest.logThreshold(m).value();
        for (int i = 0; i < WIDTH; i++) {
            log[i] = (float) Math.log(theta[i]);
        }
        return m;
    }

    private static BatchResult splits(float... splits) {
        return BatchResult.dense(0, 0, 0, null, null).withSplits(splits);
    }

    @Test
    void eachThresholdMovesATenthOfTheWayToItsPositiveSplitAndNoFurtherDownThanHalfOfEpsilon() {
        JumpReluSae m = withThresholds(0.5, 0.2, 1.0, 0.026, 0.3, 0.3, 0.3, 0.4, 0.03, 2.0, 0.1, 0.7);
        float[] split = {1.5f, 0.1f, 0.03f, 0.001f, Float.NaN, 0f, -0.7f, 0.4f, -0f, 2.5f, 1e-30f, 0.7f};
        // By hand: 0.9·0.5 + 0.1·1.5 = 0.6; 0.18 + 0.01 = 0.19; 0.9 + 0.003 = 0.903; 0.0234 + 0.0001 = 0.0235, under
        // ε/2 = 0.025, so 0.025; NaN, 0, −0.7 and −0 leave θ; 0.36 + 0.04 = 0.4; 1.8 + 0.25 = 2.05; 0.09 + 1e-31.
        double[] want = {0.6, 0.19, 0.903, FLOOR, 0.3, 0.3, 0.3, 0.4, 0.03, 2.05, 0.09, 0.7};
        m.afterStep(splits(split));
        float[] theta = m.threshold();
        for (int i = 0; i < WIDTH; i++) {
            assertEquals(want[i], theta[i], 1e-6 * want[i], "latent " + i + ", split " + split[i]);
        }
    }

    @Test
    void aSplitHeldForManyStepsIsApproachedGeometrically() {
        double start = 0.2;
        float split = 0.8f;
        double[] theta = new double[WIDTH];
        float[] splitAll = new float[WIDTH];
        Arrays.fill(theta, start);
        Arrays.fill(splitAll, split);
        JumpReluSae m = withThresholds(theta);
        for (int step = 1; step <= 30; step++) {
            m.afterStep(splits(splitAll));
            double want = split + Math.pow(0.9, step) * (start - split); // the gap shrinks by 0.9 a step
            assertEquals(want, m.threshold()[0], 1e-5, "step " + step);
        }
    }

    @Test
    void aStepWithoutSplitsLeavesEveryThreshold() {
        JumpReluSae m = withThresholds(0.5, 0.2, 1.0, 0.026, 0.3, 0.3, 0.3, 0.4, 0.03, 2.0, 0.1, 0.7);
        float[] before = JumpReluBudgetGradientTest.logThreshold(m).value().clone();
        m.afterStep(BatchResult.dense(0, 0, 0, null, null));
        float[] nan = new float[WIDTH];
        Arrays.fill(nan, Float.NaN);
        m.afterStep(splits(nan));
        assertArrayEquals(before, JumpReluBudgetGradientTest.logThreshold(m).value());
    }

    private static Dataset sample() {
        return new Dataset("sample", SaeFixtures.gaussian(21, BATCH * D), BATCH, D);
    }

    @Test
    void aFreshModelTrainedToATargetStartsFromUnitDecoderRowsAndEncoderRowsScaledAlike() {
        JumpReluSae m = (JumpReluSae) SaeFixtures.model(Architecture.JUMPRELU);
        float[] dec = m.decoderWeight().value();
        for (int j = 0; j < D; j++) {
            dec[j] = 0f; // a zero row has no norm to divide by: it stays as it is, and so does its encoder row
        }
        float[] enc = m.encoderWeight().value().clone();
        float[] decBefore = dec.clone();
        float[] centre = SaeFixtures.gaussian(22, D);
        m.prepare(new Preparation(centre, sample(), 4.0));
        assertArrayEquals(centre, m.decoderBias().value(), "b_dec at the centre");
        for (int i = 0; i < WIDTH; i++) {
            double sq = 0;
            for (int j = 0; j < D; j++) {
                sq += (double) decBefore[i * D + j] * decBefore[i * D + j];
            }
            double norm = i == 0 ? 1 : Math.sqrt(sq);
            for (int j = 0; j < D; j++) {
                assertEquals(decBefore[i * D + j] / norm, m.decoderWeight().value()[i * D + j], 1e-6, "W_dec " + i + "," + j);
                assertEquals(enc[i * D + j] / norm, m.encoderWeight().value()[i * D + j], 1e-6 * (1 + 1 / norm),
                        "W_enc " + i + "," + j);
            }
        }
    }

    @Test
    void withoutATargetOrOnAModelTrainedBeforeTheRowsAreLeft() {
        for (boolean target : new boolean[] {false, true}) {
            JumpReluSae m = (JumpReluSae) SaeFixtures.model(Architecture.JUMPRELU);
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
