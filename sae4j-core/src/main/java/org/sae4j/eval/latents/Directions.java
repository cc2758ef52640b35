package org.sae4j.eval.latents;

import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.model.sae.SparseAutoencoder;

/**
 * Decoder directions and embedding matrices in the model's own units, for the neighbours and the token lens.
 */
public final class Directions {
    private Directions() {
    }

    /**
     * Each latent's decoder row in the units of the raw activations: the SAE decodes into normalised units
     * (x − offset)·scale, so a per-dimension scale is divided out (a single scale changes no cosine or ranking,
     * but is divided out too so the lens's dot products are in the activations' units). A transcoder's decoder
     * writes its target space ({@code outputSize()} wide), whose scales follow the input's in a per-column normaliser.
     */
    public static float[] decoder(SparseAutoencoder sae) {
        int d = sae.outputSize();
        float[] w = sae.decoderWeight().value().clone();
        Normalizer n = sae.normalizer();
        if (n.kind() == Normalizer.Kind.NONE || n.scale().length == 0) {
            return w;
        }
        int first = sae.targetSize() > 0 && n.scale().length == sae.inputSize() + sae.targetSize() ? sae.inputSize() : 0;
        for (int i = 0; i < sae.latentSize(); i++) {
            for (int j = 0; j < d; j++) {
                float s = n.scale()[n.scale().length == 1 ? 0 : first + j];
                w[i * d + j] = s != 0 ? w[i * d + j] / s : 0f;
            }
        }
        return w;
    }

    /**
     * An embedding or unembedding matrix as [vocab × d_model]: [vocab, d_model] as it is (an input embedding, or
     * W_U stored as a PyTorch Linear weight), [d_model, vocab] transposed (TransformerLens's W_U).
     */
    public static float[] vocabRows(Dataset m, int dModel, String what) {
        if (m.cols() == dModel) {
            return m.values();
        }
        if (m.rows() == dModel) {
            float[] t = new float[m.values().length];
            for (int r = 0; r < m.rows(); r++) {
                for (int c = 0; c < m.cols(); c++) {
                    t[c * dModel + r] = m.values()[r * m.cols() + c];
                }
            }
            return t;
        }
        throw new InvalidInputException(what + " '" + m.name() + "' is " + m.rows() + " × " + m.cols()
                + "; expected [vocabulary, " + dModel + "] or [" + dModel + ", vocabulary] to match the width the decoder "
                + "writes.");
    }
}
