package org.sae4j.model.sae;

/**
 * JumpReLU's dead-latent revival (Anthropic's January 2025 update; SAELens's {@code pre_act_loss_coefficient}):
 * for the latents the trainer marks dead,
 * <pre>
 *   pre = c · ε · (1/B) Σ_b Σ_{i dead} ReLU(θ_i − z_b,i) · ‖W_dec,i‖
 * </pre>
 * pulls every dead latent's pre-activations up toward its threshold until it fires again, with gradients
 * <pre>
 *   ∂/∂z_b,i = −c·ε·‖W_dec,i‖/B  where z_b,i &lt; θ_i        ∂/∂θ_i = c·ε·‖W_dec,i‖·n_i/B
 *   ∂/∂W_dec,i = (c·ε/B) · G_i · W_dec,i / ‖W_dec,i‖         with G_i = Σ_b ReLU(θ_i − z_b,i), n_i = #{b : z_b,i &lt; θ_i}
 * </pre>
 * Why: a JumpReLU latent whose pre-activations the L0 term pushed below θ − ε/2 on every input gets no gradient at
 * all (neither the reconstruction's, which passes only active latents, nor the kernel's); nothing brings it back.
 * On issue 18's Zipf task (96-d, width 768, target L0 8) 72% of the latents ended dead without it. AuxK cannot
 * serve: it reconstructs from ReLU(z) of dead latents, and these z are negative. Multiplying by the calibrated
 * bandwidth ε (a fixed share of the pre-activations' RMS) makes c mean the same at any input scale.
 *
 * <p>Why the sums: ∂/∂z is one constant per dead latent on its rows below θ, so W_enc's gradient is that constant
 * times the sum of those rows' encoder inputs, Σ_all − Σ_{rows at or above θ}: one pass over the batch for all
 * latents, then only the few rows where a dead latent fires, instead of a dense product over every dead column.
 */
final class PreActivationLoss {
    private PreActivationLoss() {
    }

    /** What the loss needs of the model; gradients are added to the given arrays (bDecGrad null: b_dec not subtracted). */
    record Weights(float[] wEnc, float[] wDec, int d, int dOut, int width,
                   float[] wEncGrad, float[] bEncGrad, float[] wDecGrad, float[] bDecGrad) {
    }

    /**
     * Adds the loss's gradients (θ's into {@code dTheta}, per unit θ) and returns the loss; {@code scale} is c·ε.
     * {@code xc} holds the encoder inputs, {@code pre} the pre-activations, batch × width.
     */
    static double apply(double scale, boolean[] dead, float[] pre, float[] theta, float[] xc, int batch, Weights w,
                        double[] dTheta) {
        int d = w.d();
        int width = w.width();
        double[] all = null;
        double loss = 0;
        for (int i = 0; i < width; i++) {
            if (!dead[i]) {
                continue;
            }
            if (all == null) {
                all = columnSums(xc, batch, d);
            }
            double norm = rowNorm(w.wDec(), i, w.dOut());
            double gap = 0;
            int below = 0;
            double[] sum = all.clone();
            for (int r = 0; r < batch; r++) {
                float z = pre[r * width + i];
                if (z < theta[i]) {
                    gap += theta[i] - z;
                    below++;
                } else {
                    for (int j = 0; j < d; j++) {
                        sum[j] -= xc[r * d + j];
                    }
                }
            }
            double dz = -scale * norm / batch; // ∂pre/∂z on each row below θ
            loss += scale * gap * norm / batch;
            dTheta[i] += -dz * below;
            for (int j = 0; j < d; j++) {
                w.wEncGrad()[i * d + j] += (float) (dz * sum[j]);
            }
            w.bEncGrad()[i] += (float) (dz * below);
            if (w.bDecGrad() != null) {
                // z = W_enc,i · (x − b_dec) + b_enc,i: each row below θ adds −dz · W_enc,i to b_dec's gradient.
                for (int j = 0; j < d; j++) {
                    w.bDecGrad()[j] += (float) (-dz * below * w.wEnc()[i * d + j]);
                }
            }
            if (norm > 0) {
                double s = scale * gap / batch / norm;
                for (int j = 0; j < w.dOut(); j++) {
                    w.wDecGrad()[i * w.dOut() + j] += (float) (s * w.wDec()[i * w.dOut() + j]);
                }
            }
        }
        return loss;
    }

    private static double[] columnSums(float[] a, int rows, int cols) {
        double[] s = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                s[j] += a[r * cols + j];
            }
        }
        return s;
    }

    private static double rowNorm(float[] w, int row, int cols) {
        double s = 0;
        for (int j = 0; j < cols; j++) {
            s += (double) w[row * cols + j] * w[row * cols + j];
        }
        return Math.sqrt(s);
    }
}
