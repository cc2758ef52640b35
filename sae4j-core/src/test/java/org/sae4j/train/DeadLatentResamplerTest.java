package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.optim.Adam;

/** Resampling points a dead latent at a badly reconstructed input and forgets its optimizer state. */
class DeadLatentResamplerTest {

    @Test
    void deadLatentTakesTheDirectionOfTheWorstReconstructedInput() {
        SparseAutoencoder sae = SaeBuilder.of(Architecture.STANDARD, 3).width(4).seed(1).build();
        Adam adam = new Adam(1e-3);
        sae.parameters().forEach(p -> java.util.Arrays.fill(p.grad(), 1f));
        adam.step(sae.parameters()); // gives every parameter non-zero moments
        sae.initDecoderBias(new float[3]);
        float[] wDec = sae.decoderWeight().value();
        double liveNorm = (norm(wDec, 0) + norm(wDec, 1) + norm(wDec, 3)) / 3;
        boolean[] dead = {false, false, true, false};
        // Row 0 is reconstructed perfectly, row 1 badly: only row 1 can be drawn.
        float[] x = {1, 0, 0, 0, 3, 4};
        float[] out = {1, 0, 0, 0, 0, 0};
        int[] resampled = new DeadLatentResampler(5).resample(sae, adam, dead, x, out, 2, 0);
        assertArrayEquals(new int[] {2}, resampled);
        assertArrayEquals(new float[] {0, (float) (0.6 * liveNorm), (float) (0.8 * liveNorm)},
                java.util.Arrays.copyOfRange(wDec, 6, 9), 1e-6f);
        double encNorm = (norm(sae.encoderWeight().value(), 0) + norm(sae.encoderWeight().value(), 1)
                + norm(sae.encoderWeight().value(), 3)) / 3;
        assertEquals(0.2 * encNorm, norm(sae.encoderWeight().value(), 2), 1e-6);
        assertEquals(0f, sae.encoderBias().value()[2]);
        // Its Adam moments start afresh: with gradient 0.5 at step 2, a live row moves by
        // lr·(0.14/0.19)/sqrt(0.0012495/0.001999) and the resampled one by lr·(0.05/0.19)/sqrt(0.00025/0.001999).
        java.util.Arrays.fill(sae.decoderWeight().grad(), 0.5f);
        float live = wDec[0];
        float reset = wDec[6];
        adam.step(List.of(sae.decoderWeight()));
        double c1 = 1 - 0.9 * 0.9;
        double c2 = 1 - 0.999 * 0.999;
        assertEquals(1e-3 * (0.14 / c1) / Math.sqrt((0.999 * 0.001 + 0.001 * 0.25) / c2), live - wDec[0], 1e-6);
        assertEquals(1e-3 * (0.05 / c1) / Math.sqrt(0.001 * 0.25 / c2), reset - wDec[6], 1e-6);
    }

    private static double norm(float[] w, int row) {
        double s = 0;
        for (int j = 0; j < 3; j++) {
            s += (double) w[row * 3 + j] * w[row * 3 + j];
        }
        return Math.sqrt(s);
    }
}
