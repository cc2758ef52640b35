package org.sae4j.train;

import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.optim.Optimizer;
import org.sae4j.tensor.Rng;

/**
 * Resampling of dead latents for standard SAEs (Anthropic, "Towards Monosemanticity", 2023, simplified): each
 * dead latent is pointed at an input the model reconstructs badly, drawn with probability proportional to its
 * squared error, so it starts where it is needed. Its decoder row becomes that input's direction (at the mean
 * norm of the live rows), its encoder row the same direction at 0.2 times the live encoder norm, its bias 0,
 * and its optimizer state is forgotten.
 */
final class DeadLatentResampler {
    private final long seed;

    DeadLatentResampler(long seed) {
        this.seed = seed;
    }

    /**
     * Resamples the dead latents from one batch of normalised inputs and its reconstructions; returns them. The
     * draws come from a generator for this step, so a resumed run needs no generator state to draw the same.
     */
    int[] resample(SparseAutoencoder sae, Optimizer optimizer, boolean[] dead, float[] x, float[] out, int batch, long step) {
        Rng rng = Rng.forPurpose(seed, "resample at step " + step);
        int d = sae.inputSize();
        int width = sae.latentSize();
        int[] latents = java.util.stream.IntStream.range(0, width).filter(i -> dead[i]).toArray();
        if (latents.length == 0 || latents.length == width) {
            return new int[0];
        }
        double[] cumulative = new double[batch];
        double total = 0;
        for (int r = 0; r < batch; r++) {
            double e = 0;
            for (int j = 0; j < d; j++) {
                double diff = out[r * d + j] - x[r * d + j];
                e += diff * diff;
            }
            total += e * e;
            cumulative[r] = total;
        }
        float[] wEnc = sae.encoderWeight().value();
        float[] wDec = sae.decoderWeight().value();
        float[] bDec = sae.decoderBias().value();
        double encNorm = meanRowNorm(wEnc, dead, d, false);
        double decNorm = meanRowNorm(wDec, dead, d, false);
        for (int i : latents) {
            double u = rng.uniform(0f, 1f) * total;
            int r = 0;
            while (r < batch - 1 && cumulative[r] < u) {
                r++;
            }
            double sq = 0;
            float[] dir = new float[d];
            for (int j = 0; j < d; j++) {
                dir[j] = x[r * d + j] - bDec[j];
                sq += (double) dir[j] * dir[j];
            }
            double inv = sq > 0 ? 1.0 / Math.sqrt(sq) : 0;
            for (int j = 0; j < d; j++) {
                wDec[i * d + j] = (float) (dir[j] * inv * decNorm);
                wEnc[i * d + j] = (float) (dir[j] * inv * encNorm * 0.2);
            }
            sae.encoderBias().value()[i] = 0f;
            optimizer.resetState(sae.encoderWeight(), i * d, (i + 1) * d);
            optimizer.resetState(sae.decoderWeight(), i * d, (i + 1) * d);
            optimizer.resetState(sae.encoderBias(), i, i + 1);
        }
        return latents;
    }

    private static double meanRowNorm(float[] w, boolean[] dead, int d, boolean wantDead) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < dead.length; i++) {
            if (dead[i] == wantDead) {
                double sq = 0;
                for (int j = 0; j < d; j++) {
                    sq += (double) w[i * d + j] * w[i * d + j];
                }
                sum += Math.sqrt(sq);
                n++;
            }
        }
        return n == 0 ? 1.0 : sum / n;
    }
}
