package org.sae4j.eval.groundtruth;

import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.model.Model;
import org.sae4j.model.sae.SparseAutoencoder;

/**
 * The ground-truth figures of a trained model on synthetic data: the SAE's decoder rows, mapped back to the
 * input units the true features live in, against {@link SyntheticSpec#features()}. A classic autoencoder has
 * no decoder rows in feature space (its decoder is a stack of non-linear layers), so it has no such figures.
 */
public final class DictionaryRecovery {
    /** Why a model has no ground-truth figures, for the CLI to print. */
    public static final String NO_DECODER_ROWS = "skipped: a classic autoencoder has no decoder rows in feature space";

    private DictionaryRecovery() {
    }

    /**
     * True when {@link #of} can measure this model: an SAE. A transcoder's decoder rows live in its target's space,
     * not among the input's features.
     */
    public static boolean applies(Model model) {
        return model instanceof SparseAutoencoder sae && !sae.config().transcoder();
    }

    /**
     * MMCS, MCC, uniqueness and precision/recall/F1 at {@link GroundTruthMetrics#DEFAULT_THRESHOLD}, alive
     * latents being those with density > 0 on the evaluated data; null when the model is not an SAE.
     */
    public static GroundTruthReport of(Model model, SyntheticSpec spec, double[] density) {
        if (!applies(model)) {
            return null;
        }
        SparseAutoencoder sae = (SparseAutoencoder) model;
        if (spec.dim() != sae.inputSize() || density.length != sae.latentSize()) {
            throw new IllegalArgumentException("spec dim " + spec.dim() + ", density of " + density.length
                    + " latents, model " + sae.describe());
        }
        boolean[] alive = new boolean[density.length];
        for (int j = 0; j < alive.length; j++) {
            alive[j] = density[j] > 0;
        }
        return new GroundTruthMetrics(spec.features(), spec.numFeatures(), decoderRowsInInputUnits(sae),
                sae.latentSize(), sae.inputSize()).report(GroundTruthMetrics.DEFAULT_THRESHOLD, alive);
    }

    /**
     * W_dec rows as directions in raw input units: the model works on (x - offset) * scale, so a latent's
     * contribution f w_j there is f w_j / scale in raw units. A global scale leaves cosines alone; a
     * per-dimension one (standardize) bends the directions, so it is undone.
     */
    static float[] decoderRowsInInputUnits(SparseAutoencoder sae) {
        float[] w = sae.decoderWeight().value().clone();
        Normalizer norm = sae.normalizer();
        float[] scale = norm.scale();
        if (norm.kind() == Normalizer.Kind.NONE || scale.length == 0) {
            return w;
        }
        int d = sae.inputSize();
        for (int i = 0; i < w.length; i++) {
            w[i] /= scale[scale.length == 1 ? 0 : i % d];
        }
        return w;
    }
}
