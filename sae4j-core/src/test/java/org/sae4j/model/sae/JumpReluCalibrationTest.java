package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sae4j.model.BatchResult;
import org.sae4j.model.StepContext;
import org.sae4j.tensor.JavaKernels;
import org.sae4j.tensor.Rng;

/**
 * JumpReLU's data-calibrated defaults, recomputed by hand: ε = 0.5·RMS of the sample's pre-activations; θ the
 * same without a target, or each latent's quantile firing on the target fraction of the sample; values the
 * config sets are kept; the calibrated ε travels in the model's buffers so a loaded model never recalibrates.
 */
class JumpReluCalibrationTest {
    private static final int D = 8;
    private static final int WIDTH = 16;
    private static final int ROWS = 400;

    private static float[] sample() {
        Rng rng = new Rng(3);
        float[] x = new float[ROWS * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (3 * rng.gaussian() + 1); // a scale far from Gemma Scope's unit mean squared norm
        }
        return x;
    }

    private static JumpReluSae model(SaeBuilder b) {
        return (JumpReluSae) SparseAutoencoder.create(b.config(), JavaKernels.INSTANCE);
    }

    /** z = W_enc (x − b_dec) + b_enc, in double. */
    private static double[] pre(JumpReluSae m, float[] x) {
        double[] z = new double[ROWS * WIDTH];
        float[] w = m.encoderWeight().value();
        for (int r = 0; r < ROWS; r++) {
            for (int i = 0; i < WIDTH; i++) {
                double s = m.encoderBias().value()[i];
                for (int j = 0; j < D; j++) {
                    s += (x[r * D + j] - m.decoderBias().value()[j]) * w[i * D + j];
                }
                z[r * WIDTH + i] = s;
            }
        }
        return z;
    }

    private static double rms(double[] z) {
        double sq = 0;
        for (double v : z) {
            sq += v * v;
        }
        return Math.sqrt(sq / z.length);
    }

    @Test
    void withoutATargetBandwidthAndThresholdAreHalfTheRms() {
        JumpReluSae m = model(SaeBuilder.of(Architecture.JUMPRELU, D).width(WIDTH).seed(2));
        assertFalse(m.calibrated());
        float[] x = sample();
        m.calibrate(x, ROWS, Double.NaN);
        assertTrue(m.calibrated());
        double half = 0.5 * rms(pre(m, x));
        assertEquals(half, m.buffers().get("bandwidth")[0], 1e-4 * half);
        for (float t : m.threshold()) {
            assertEquals(half, t, 1e-4 * half);
        }
    }

    @Test
    void withATargetEachLatentFiresOnItsShareOfTheSample() {
        JumpReluSae m = model(SaeBuilder.of(Architecture.JUMPRELU, D).width(WIDTH).seed(2));
        float[] x = sample();
        m.calibrate(x, ROWS, 4.0 / WIDTH); // L0 4 of 16: each latent fires on a quarter of the rows
        double[] z = pre(m, x);
        float[] theta = m.threshold();
        double floor = m.buffers().get("bandwidth")[0] / 2;
        int quantiles = 0;
        for (int i = 0; i < WIDTH; i++) {
            double[] column = new double[ROWS];
            int fires = 0;
            for (int r = 0; r < ROWS; r++) {
                column[r] = z[r * WIDTH + i];
                fires += z[r * WIDTH + i] > theta[i] ? 1 : 0;
            }
            java.util.Arrays.sort(column);
            double q = column[ROWS - 100];
            if (q > floor) {
                // θ is the 100th largest value, so 99 lie strictly above it (100 where float rounding lets it tie).
                assertEquals(q, theta[i], 1e-5 * Math.abs(q), "latent " + i);
                assertTrue(fires >= 99 && fires <= 100, "latent " + i + " fires on " + fires + " rows");
                quantiles++;
            } else {
                // A latent whose quantile lies below ε/2 starts at ε/2: never below its own kernel window.
                assertEquals(floor, theta[i], 1e-5 * floor, "latent " + i);
            }
        }
        assertTrue(quantiles > WIDTH / 2, "only " + quantiles + " latents were set by their quantile");
    }

    @Test
    void configuredValuesAreKeptAndNeedNoBuffer() {
        JumpReluSae m = model(SaeBuilder.of(Architecture.JUMPRELU, D).width(WIDTH).seed(2).bandwidth(0.2)
                .initialThreshold(0.3));
        assertTrue(m.calibrated());
        float before = m.threshold()[0];
        m.calibrate(sample(), ROWS, 0.25);
        assertEquals(before, m.threshold()[0]);
        assertFalse(m.buffers().containsKey("bandwidth"), "files from before calibration load unchanged");
    }

    @Test
    void aLoadedModelKeepsItsCalibratedBandwidth() {
        JumpReluSae trained = model(SaeBuilder.of(Architecture.JUMPRELU, D).width(WIDTH).seed(2));
        trained.calibrate(sample(), ROWS, Double.NaN);
        JumpReluSae loaded = model(SaeBuilder.of(Architecture.JUMPRELU, D).width(WIDTH).seed(2));
        for (Map.Entry<String, float[]> b : trained.buffers().entrySet()) {
            loaded.setBuffer(b.getKey(), b.getValue());
        }
        assertTrue(loaded.calibrated());
        assertEquals(trained.buffers().get("bandwidth")[0], loaded.buffers().get("bandwidth")[0]);
        JumpReluSae never = model(SaeBuilder.of(Architecture.JUMPRELU, D).width(WIDTH).seed(2));
        loaded.setBuffer("bandwidth", never.buffers().get("bandwidth")); // saved before any calibration: 0
        assertFalse(loaded.calibrated());
    }

    /**
     * A given ε (θ left to calibration, so the buffer exists) is the config's own double after a restore, not the
     * buffer's float: a step with every latent dead (the pre-activation loss, scaled by c·ε, acting) takes the same
     * bits before and after the model's buffers are put back, as a resumed run or a Spark replica puts them back.
     */
    @Test
    void aGivenBandwidthSurvivesARestoreToTheBit() {
        JumpReluSae m = model(SaeBuilder.of(Architecture.JUMPRELU, D).width(WIDTH).seed(2).bandwidth(0.05));
        float[] x = sample();
        m.calibrate(x, ROWS, Double.NaN);
        assertTrue(0.05 != (double) m.buffers().get("bandwidth")[0], "0.05 is not a float: the test can fail");
        boolean[] dead = new boolean[WIDTH];
        java.util.Arrays.fill(dead, true);
        StepContext context = new StepContext(dead, 1.0);
        BatchResult before = m.forwardBackward(x, ROWS, context);
        float[] encoderGrad = m.encoderWeight().grad().clone();
        assertTrue(before.aux() > 0, "the pre-activation loss acted");
        for (Map.Entry<String, float[]> b : m.buffers().entrySet()) {
            m.setBuffer(b.getKey(), b.getValue());
        }
        BatchResult after = m.forwardBackward(x, ROWS, context);
        assertEquals(before.aux(), after.aux());
        assertArrayEquals(encoderGrad, m.encoderWeight().grad());
        assertTrue(m.calibrated());
    }
}
