package org.sae4j.train;

import org.sae4j.model.Model;
import org.sae4j.model.ParameterSlice;
import org.sae4j.optim.Optimizer;
import org.sae4j.tensor.Rng;

/**
 * When and from which inputs dead latents are resampled (Anthropic, "Towards Monosemanticity", 2023, simplified):
 * each dead latent is pointed at an input the model reconstructs badly, drawn with probability proportional to
 * its squared error (to the fourth power, as the error is squared again), so it starts where it is needed. How a
 * latent is pointed at an input is the model's ({@link Model#reinitialise}); the trainer forgets the optimizer
 * state of what it rewrote.
 */
final class DeadLatentResampler {
    private final long seed;

    DeadLatentResampler(long seed) {
        this.seed = seed;
    }

    /**
     * Resamples the dead latents from one batch of normalised training rows and its reconstructions; returns them. The
     * draws come from a generator for this step, so a resumed run needs no generator state to draw the same.
     */
    int[] resample(Model model, Optimizer optimizer, boolean[] dead, float[] x, float[] out, int batch, long step) {
        Rng rng = Rng.forPurpose(seed, "resample at step " + step);
        int d = model.rowSize();
        int dOut = model.outputSize();
        float[] y = model.target(x, batch); // what out reconstructs: x itself for an SAE
        int width = model.latentSize();
        int[] latents = java.util.stream.IntStream.range(0, width).filter(i -> dead[i]).toArray();
        if (latents.length == 0 || latents.length == width) {
            return new int[0];
        }
        double[] cumulative = new double[batch];
        double total = 0;
        for (int r = 0; r < batch; r++) {
            double e = 0;
            for (int j = 0; j < dOut; j++) {
                double diff = out[r * dOut + j] - y[r * dOut + j];
                e += diff * diff;
            }
            total += e * e;
            cumulative[r] = total;
        }
        float[] inputs = new float[latents.length * d];
        for (int n = 0; n < latents.length; n++) {
            double u = rng.uniform(0f, 1f) * total;
            int r = 0;
            while (r < batch - 1 && cumulative[r] < u) {
                r++;
            }
            System.arraycopy(x, r * d, inputs, n * d, d);
        }
        for (ParameterSlice s : model.reinitialise(dead, latents, inputs)) {
            optimizer.resetState(s.parameter(), s.from(), s.to());
        }
        return latents;
    }
}
