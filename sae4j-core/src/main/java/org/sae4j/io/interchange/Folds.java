package org.sae4j.io.interchange;

/**
 * Exact rewrites of weights between the Python tools' conventions and {@link ExternalSae}'s: transposes, and
 * folding per-latent factors into the decoder so that encode and decode give the same numbers as the
 * original module.
 */
final class Folds {
    private Folds() {
    }

    /** Row-major [rows, cols] to row-major [cols, rows]. */
    static float[] transpose(float[] m, int rows, int cols) {
        float[] out = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = m[r * cols + c];
            }
        }
        return out;
    }

    /**
     * SAELens before 6.0 decodes {@code (f * scaling_factor) @ W_dec} when finetuning_scaling_factor is set
     * (sae_lens/sae.py, v5.11.0); scaling row i of W_dec by factor i is the same map. Scales in place.
     */
    static void scaleDecoderRows(float[] wDec, float[] factor, int dIn) {
        for (int i = 0; i < factor.length; i++) {
            for (int j = 0; j < dIn; j++) {
                wDec[i * dIn + j] *= factor[i];
            }
        }
    }

    static boolean allOnes(float[] v) {
        for (float x : v) {
            if (x != 1f) {
                return false;
            }
        }
        return true;
    }

    /**
     * SAELens v6 TopKSAE with rescale_acts_by_decoder_norm multiplies pre-activations by ||W_dec row i|| and
     * divides the codes by it before decoding; its own _fold_norm_topk (saes/topk_sae.py) turns that into a
     * plain TopK SAE: b_enc * n, W_enc column * n, W_dec row / n. A zero row never contributes either way, so
     * it is left as is (its pre-activation is 0 in both forms). Modifies the arrays in place.
     */
    static void foldDecoderNorm(float[] wEnc, float[] bEnc, float[] wDec, int dIn, int dSae) {
        for (int i = 0; i < dSae; i++) {
            double sq = 0;
            for (int j = 0; j < dIn; j++) {
                sq += (double) wDec[i * dIn + j] * wDec[i * dIn + j];
            }
            float n = (float) Math.sqrt(sq);
            bEnc[i] *= n;
            for (int j = 0; j < dIn; j++) {
                wEnc[j * dSae + i] *= n;
                if (n != 0f) {
                    wDec[i * dIn + j] /= n;
                }
            }
        }
    }
}
