package org.sae4j.train;

import org.sae4j.model.Model;
import org.sae4j.tensor.NamedArrays;

/**
 * Where a run saves what it has: the trainer says when, the sink says where and in which format (model files
 * and checkpoint files on disk in {@code io.CheckpointFiles}; a driver's memory on a cluster). The trainer knows
 * no file format.
 */
public interface CheckpointSink {
    /** Saves the model (weights, normaliser, history): at every epoch end. */
    void saveModel(Model model);

    /** Saves the whole training state ({@link TrainState}): at epoch ends and every {@code checkpointEvery} steps. */
    void saveState(NamedArrays state);

    /** Whether {@link #saveState} keeps anything (a run that cannot be resumed need not build the state). */
    default boolean keepsState() {
        return true;
    }
}
