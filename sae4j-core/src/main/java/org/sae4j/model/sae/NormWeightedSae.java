package org.sae4j.model.sae;

import java.util.List;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.Kernels;
import org.sae4j.tensor.SparseCode;

/**
 * The SAEs whose sparsity is the decoder-norm-weighted L1 of Anthropic's April 2024 update (standard, and gated's
 * gate): λ · mean_b Σ_i a_b,i · ‖W_dec,i‖, with its W_dec gradient λ (Σ_b a_b,i / B) · W_dec,i / ‖W_dec,i‖. Weighting
 * by the decoder norm stops a model from shrinking a and growing W_dec to dodge the penalty.
 */
abstract class NormWeightedSae extends SparseAutoencoder {

    protected NormWeightedSae(SaeConfig config, Kernels kernels, List<Parameter> extra) {
        super(config, kernels, extra);
    }

    /** ‖W_dec row i‖ for every latent. */
    protected float[] decoderNorms() {
        float[] w = wDec.value();
        float[] norms = new float[width];
        for (int i = 0; i < width; i++) {
            double s = 0;
            for (int j = 0; j < dOut; j++) {
                s += (double) w[i * dOut + j] * w[i * dOut + j];
            }
            norms[i] = (float) Math.sqrt(s);
        }
        return norms;
    }

    /** λ·scale · mean_b Σ_i a_b,i ‖W_dec,i‖: the decoder-norm-weighted L1 of standard and gated SAEs. */
    protected double normWeightedL1(float[] a, int batch, float[] norms, double scale) {
        double s = 0;
        for (int r = 0; r < batch; r++) {
            for (int i = 0; i < width; i++) {
                s += (double) a[r * width + i] * norms[i];
            }
        }
        return config.coefficient() * scale * s / batch;
    }

    /** The same penalty for latents held sparse; zeros add nothing, so the sum has the dense one's bits. */
    protected double normWeightedL1(SparseCode a, float[] norms, double scale) {
        double s = 0;
        for (int e = 0; e < a.size(); e++) {
            s += (double) a.value()[e] * norms[a.index()[e]];
        }
        return config.coefficient() * scale * s / a.rows();
    }

    /** That penalty's W_dec gradient: λ (Σ_b a_b,i / B) · W_dec,i / ‖W_dec,i‖. */
    protected void normWeightedL1DecoderGrad(float[] a, int batch, float[] norms, double lambda) {
        float[] colSum = new float[width];
        kernels.columnSums(a, colSum, batch, width, false);
        normWeightedL1DecoderGradOfSums(colSum, batch, norms, lambda);
    }

    /** The same from the latents' sums over the batch, Σ_b a_b,i (cheap to take from a sparse code). */
    protected void normWeightedL1DecoderGradOfSums(float[] colSum, int batch, float[] norms, double lambda) {
        float[] w = wDec.value();
        float[] gw = wDec.grad();
        for (int i = 0; i < width; i++) {
            if (norms[i] > 0) {
                float s = (float) (lambda * colSum[i] / batch / norms[i]);
                for (int j = 0; j < dOut; j++) {
                    gw[i * dOut + j] += s * w[i * dOut + j];
                }
            }
        }
    }

}
