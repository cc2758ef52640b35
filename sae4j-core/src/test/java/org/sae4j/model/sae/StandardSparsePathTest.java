package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The standard SAE's sparse step (taken when at most one latent in {@link SparseAutoencoder#SPARSE_BELOW_ONE_IN}
 * is active) gives the dense step's losses and gradients up to float rounding, the same bits for any thread
 * split, and a dense batch still takes the dense path bit for bit; with b_dec subtracted from the input or not.
 */
class StandardSparsePathTest {
    private static final int D = 20;
    private static final int WIDTH = 320;
    private static final int BATCH = 24;
    private static final float[] X = SaeFixtures.gaussian(8, BATCH * D);

    /** A model whose encoder bias leaves about {@code density} of the latents active on {@link #X}. */
    private static SparseAutoencoder model(double density, boolean bDecToInput) {
        SaeConfig c = SaeBuilder.of(Architecture.STANDARD, D).width(WIDTH).coefficient(0.05)
                .applyBDecToInput(bDecToInput).seed(4).config();
        SparseAutoencoder m = SparseAutoencoder.create(c);
        // A b_dec off zero, so its path through the encoder input carries weight.
        System.arraycopy(SaeFixtures.gaussian(5, D), 0, m.decoderBias().value(), 0, D);
        float[] f = m.encode(X, BATCH);
        float[] on = Arrays.copyOf(f, f.length);
        Arrays.sort(on);
        // A bias of −(the wanted quantile) leaves the latents above it active; the rest fall under zero.
        float cut = on[Math.max(0, on.length - 1 - (int) (density * on.length))];
        Arrays.fill(m.encoderBias().value(), -cut);
        return m;
    }

    private static float[] step(SparseAutoencoder m, boolean dense) {
        return SaeFixtures.lossAndGradients(m, X, BATCH, dense);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sparsePathMatchesTheDensePath(boolean bDecToInput) {
        SparseAutoencoder m = model(0.03, bDecToInput);
        long active = SaeFixtures.nonZero(m.encode(X, BATCH));
        assertTrue(active > 0 && active * SparseAutoencoder.SPARSE_BELOW_ONE_IN <= (long) BATCH * WIDTH, "active " + active);
        float[] sparse = step(m, false);
        float[] dense = step(m, true);
        assertTrue(sparse[1] > 0, "the penalty is on");
        assertTrue(SaeFixtures.nonZero(sparse) > 2L * D * active / BATCH, "gradients reach many rows");
        for (int i = 0; i < dense.length; i++) {
            assertEquals(dense[i], sparse[i], 1e-6 + 1e-4 * Math.abs(dense[i]), "value " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sparsePathHasTheSameBitsForAnyThreadSplit(boolean bDecToInput) {
        SparseAutoencoder m = model(0.03, bDecToInput);
        SaeFixtures.sameBitsForAnyThreadSplit(() -> step(m, false));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void denseBatchTakesTheDensePath(boolean bDecToInput) {
        SparseAutoencoder m = model(0.5, bDecToInput);
        assertArrayEquals(step(m, true), step(m, false));
    }
}
