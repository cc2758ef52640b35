package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.ParallelRows;

/**
 * JumpReLU's sparse step (taken when at most one latent in {@link JumpReluSae#SPARSE_BELOW_ONE_IN} is active)
 * gives the dense step's loss and gradients up to float rounding, the same bits run after run and for any
 * thread split, and a dense batch still takes the dense path bit for bit.
 */
class JumpReluSparsePathTest {
    private static final int D = 24;
    private static final int WIDTH = 256;
    private static final int BATCH = 32;

    @AfterEach
    void reset() {
        JumpReluSae.denseOnlyForTests = false;
        ParallelRows.splitForTests(0);
    }

    private static float[] inputs() {
        return SaeFixtures.gaussian(3, BATCH * D);
    }

    /** A model whose threshold leaves about {@code density} of the latents active on {@link #inputs()}. */
    private static SparseAutoencoder model(double density) {
        SaeConfig c = SaeBuilder.of(Architecture.JUMPRELU, D).width(WIDTH).coefficient(0.01).bandwidth(0.3)
                .initialThreshold(0.1).seed(4).config();
        SparseAutoencoder m = SparseAutoencoder.create(c);
        JumpReluSae.denseOnlyForTests = true;
        float[] pre = m.encode(inputs(), BATCH).clone();
        // encode zeroes what is under θ = 0.1; raise θ to the wanted quantile of the active values
        float[] on = new float[pre.length];
        int n = 0;
        for (float v : pre) {
            if (v > 0f) {
                on[n++] = v;
            }
        }
        Arrays.sort(on, 0, n);
        double theta = on[Math.max(0, n - (int) (density * pre.length))];
        Arrays.fill(threshold(m).value(), (float) StrictMath.log(theta));
        JumpReluSae.denseOnlyForTests = false;
        return m;
    }

    /** Loss, then every parameter's gradient, after one forward-backward pass. */
    private static float[] step(SparseAutoencoder m, boolean dense) {
        return SaeFixtures.lossAndGradients(m, inputs(), BATCH, dense);
    }

    @Test
    void sparsePathMatchesTheDensePath() {
        SparseAutoencoder m = model(0.03);
        float[] f = m.encode(inputs(), BATCH);
        long active = SaeFixtures.nonZero(f);
        assertTrue(active > 0 && active * JumpReluSae.SPARSE_BELOW_ONE_IN <= (long) BATCH * WIDTH, "active " + active);
        float[] sparse = step(m, false);
        float[] dense = step(m, true);
        float[] logTheta = threshold(m).grad();
        assertTrue(SaeFixtures.nonZero(logTheta) > 0, "some pre-activations fall in θ's band");
        for (int i = 0; i < dense.length; i++) {
            assertEquals(dense[i], sparse[i], 1e-5 + 1e-4 * Math.abs(dense[i]), "value " + i);
        }
    }

    @Test
    void sparsePathHasTheSameBitsForAnyThreadSplit() {
        SparseAutoencoder m = model(0.03);
        SaeFixtures.sameBitsForAnyThreadSplit(() -> step(m, false));
    }

    @Test
    void denseBatchTakesTheDensePath() {
        SparseAutoencoder m = model(0.5);
        assertArrayEquals(step(m, true), step(m, false));
    }

    private static Parameter threshold(SparseAutoencoder m) {
        return m.parameters().stream().filter(p -> p.name().equals("log_threshold")).findFirst().orElseThrow();
    }
}
