package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sae4j.tensor.ParallelRows;
import org.sae4j.tensor.Rng;

/**
 * The standard SAE's sparse step (taken when at most one latent in {@link SparseAutoencoder#SPARSE_BELOW_ONE_IN}
 * is active) gives the dense step's losses and gradients up to float rounding, the same bits for any thread
 * split, and a dense batch still takes the dense path bit for bit; with b_dec subtracted from the input or not.
 */
class StandardSparsePathTest {
    private static final int D = 24;
    private static final int WIDTH = 256;
    private static final int BATCH = 32;

    @AfterEach
    void reset() {
        SparseAutoencoder.denseOnlyForTests = false;
        ParallelRows.splitForTests(0);
    }

    private static float[] inputs() {
        Rng rng = new Rng(3);
        float[] x = new float[BATCH * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.gaussian();
        }
        return x;
    }

    /** A model whose encoder bias leaves about {@code density} of the latents active on {@link #inputs()}. */
    private static SparseAutoencoder model(double density, boolean bDecToInput) {
        SaeConfig c = SaeBuilder.of(Architecture.STANDARD, D).width(WIDTH).coefficient(0.05)
                .applyBDecToInput(bDecToInput).seed(4).config();
        SparseAutoencoder m = SparseAutoencoder.create(c);
        Rng rng = new Rng(5);
        float[] bDec = m.decoderBias().value();
        for (int j = 0; j < D; j++) {
            bDec[j] = (float) (0.1 * rng.gaussian()); // so b_dec's path through the encoder input carries weight
        }
        float[] f = m.encode(inputs(), BATCH);
        float[] on = Arrays.copyOf(f, f.length);
        Arrays.sort(on);
        // A bias of −(the wanted quantile) leaves the latents above it active; the rest fall under zero.
        float cut = on[Math.max(0, on.length - 1 - (int) (density * on.length))];
        Arrays.fill(m.encoderBias().value(), -cut);
        return m;
    }

    private static float[] step(SparseAutoencoder m, boolean dense) {
        SparseAutoencoder.denseOnlyForTests = dense;
        float[] all = SaeFixtures.lossAndGradients(m, inputs(), BATCH);
        SparseAutoencoder.denseOnlyForTests = false;
        return all;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sparsePathMatchesTheDensePath(boolean bDecToInput) {
        SparseAutoencoder m = model(0.03, bDecToInput);
        long active = Arrays.stream(box(m.encode(inputs(), BATCH))).filter(v -> v != 0f).count();
        assertTrue(active > 0 && active * SparseAutoencoder.SPARSE_BELOW_ONE_IN <= (long) BATCH * WIDTH, "active " + active);
        float[] sparse = step(m, false);
        float[] dense = step(m, true);
        assertTrue(sparse[1] > 0, "the penalty is on");
        assertTrue(Arrays.stream(box(sparse)).filter(v -> v != 0f).count() > 2 * D * active / BATCH, "gradients reach many rows");
        for (int i = 0; i < dense.length; i++) {
            assertEquals(dense[i], sparse[i], 1e-6 + 1e-4 * Math.abs(dense[i]), "value " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sparsePathHasTheSameBitsForAnyThreadSplit(boolean bDecToInput) {
        SparseAutoencoder m = model(0.03, bDecToInput);
        ParallelRows.splitForTests(1);
        float[] one = step(m, false);
        for (int t : new int[] {2, 3, 8}) {
            ParallelRows.splitForTests(t);
            assertArrayEquals(one, step(m, false), "split for " + t + " threads");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void denseBatchTakesTheDensePath(boolean bDecToInput) {
        SparseAutoencoder m = model(0.5, bDecToInput);
        assertArrayEquals(step(m, true), step(m, false));
    }

    private static Float[] box(float[] a) {
        Float[] b = new Float[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
        return b;
    }
}
