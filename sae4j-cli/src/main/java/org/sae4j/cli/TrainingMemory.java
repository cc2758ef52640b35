package org.sae4j.cli;

import org.sae4j.model.Autoencoder;
import org.sae4j.model.Model;
import org.sae4j.model.ModelSize;
import org.sae4j.model.sae.SaeSize;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.train.Trainer;

/**
 * The check, once the data is open and the model built (so what they hold is already counted as in use), that the
 * whole run fits: the optimizer state and the checkpoint copy still to come, the activations of a batch or of a
 * validation chunk ({@link Model#INFERENCE_BATCH} rows, which may be more than a batch), the normalised copies the
 * trainer makes of the data it holds, and the batches read ahead. A run that cannot fit is refused now, in one
 * sentence, instead of dying with an OutOfMemoryError at its first epoch end with nothing saved.
 */
final class TrainingMemory {
    /** Batches in flight: the prefetcher's queue of 4, the one being read and the one being trained on. */
    private static final int BATCHES_IN_FLIGHT = 6;

    private TrainingMemory() {
    }

    /**
     * Refuses training {@code model} in batches of {@code batch} when it cannot fit; {@code copiedRows} rows of the data
     * are still to be copied (normalised), and {@code validationRows} are validated at every epoch end. A run whose
     * coefficient is {@code searched} also keeps the model's start through the search, and measures each of its runs
     * on a copy of at most {@link Trainer#SEARCH_MEASURED_ROWS} rows.
     */
    static void require(Model model, int batch, boolean searched, long copiedRows, long validationRows) {
        int cols = model.inputSize();
        int inferenceRows = (int) Math.min(Model.INFERENCE_BATCH, validationRows);
        double otherBytes = 4.0 * cols * (copiedRows + (double) BATCHES_IN_FLIGHT * batch);
        if (searched) {
            for (org.sae4j.nn.Parameter p : model.parameters()) {
                otherBytes += 4.0 * p.size();
            }
            otherBytes += 4.0 * cols * Trainer.SEARCH_MEASURED_ROWS;
        }
        if (model instanceof SparseAutoencoder sae) {
            SaeSize.requireTrainable(sae.config(), batch, true, inferenceRows, otherBytes);
        } else if (model instanceof Autoencoder ae) {
            ModelSize.requireTrainable(ae.config(), batch, true, inferenceRows, otherBytes);
        }
    }
}
