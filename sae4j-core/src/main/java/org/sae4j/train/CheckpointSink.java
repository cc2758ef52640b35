package org.sae4j.train;

import org.sae4j.InvalidInputException;
import org.sae4j.model.Model;
import org.sae4j.tensor.NamedArrays;

/**
 * Where a run saves what it has: the trainer says when, the sink says where and in which format (model files
 * and checkpoint files on disk in {@code io.CheckpointFiles}; a driver's memory on a cluster). The trainer knows
 * no file format.
 */
public interface CheckpointSink {
    /** Saves the model (weights, normaliser, history): at every epoch end, always before that moment's state. */
    void saveModel(Model model);

    /**
     * Saves the whole training state ({@link TrainState}): at the start, at epoch ends, every {@code checkpointEvery}
     * steps and when a stop is requested. Throws {@link StateNotSaved} when it cannot (a full disk): the run then
     * says so and goes on, since its model is saved separately and the previous state is still whole.
     */
    void saveState(NamedArrays state);

    /** Whether {@link #saveState} keeps anything (a run that cannot be resumed need not build the state). */
    default boolean keepsState() {
        return true;
    }

    /** A state that could not be saved: {@code where} it was to go, and why not (the system's reason). */
    final class StateNotSaved extends InvalidInputException {
        private final String where;
        private final String reason;

        public StateNotSaved(String where, String reason, Throwable cause) {
            super("Cannot write the checkpoint '" + where + "' (" + reason + "); expected a writable folder with free "
                    + "space.", cause);
            this.where = where;
            this.reason = reason;
        }

        public String where() {
            return where;
        }

        public String reason() {
            return reason;
        }
    }
}
