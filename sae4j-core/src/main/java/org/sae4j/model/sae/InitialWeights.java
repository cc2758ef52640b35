package org.sae4j.model.sae;

import org.sae4j.tensor.Rng;

/**
 * Where an SAE's weights start. Decoder rows are random directions of norm {@code decoderInitNorm}, and
 * W_enc = W_dec^T (the same rows here), which starts every latent reconstructing along the direction it detects. A
 * transcoder's input and output are different spaces, so its encoder rows are drawn on their own, after the
 * decoder's and at the same norm. Biases start at zero (b_dec is set from the data by the trainer), W_skip too.
 */
final class InitialWeights {
    private InitialWeights() {
    }

    static void apply(SaeConfig config, float[] wEnc, float[] wDec) {
        Rng rng = Rng.forPurpose(config.seed(), "init");
        float norm = (float) config.decoderInitNorm();
        randomRows(rng, wDec, config.width(), config.outputSize(), norm);
        if (config.transcoder()) {
            randomRows(rng, wEnc, config.width(), config.inputSize(), norm);
        } else {
            System.arraycopy(wDec, 0, wEnc, 0, wDec.length);
        }
    }

    private static void randomRows(Rng rng, float[] w, int rows, int cols, float norm) {
        for (int i = 0; i < rows; i++) {
            double sq = 0;
            for (int j = 0; j < cols; j++) {
                float g = (float) rng.gaussian();
                w[i * cols + j] = g;
                sq += (double) g * g;
            }
            float s = (float) (norm / Math.sqrt(Math.max(sq, 1e-30)));
            for (int j = 0; j < cols; j++) {
                w[i * cols + j] *= s;
            }
        }
    }
}
