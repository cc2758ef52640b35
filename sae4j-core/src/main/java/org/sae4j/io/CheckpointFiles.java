package org.sae4j.io;

import java.nio.file.Path;
import org.sae4j.model.Model;
import org.sae4j.tensor.NamedArrays;
import org.sae4j.train.CheckpointSink;

/**
 * A run's checkpoints on disk: the model file ({@link ModelFile}) after every epoch and, when a state file is
 * given, the whole training state ({@link StateFile}) beside it; both written atomically, the model first, so a
 * state that cannot be written (a full disk) never costs the model.
 *
 * @param model the model file; null to save no model
 * @param state the training-state file ({@code OUT.ckpt}); null to keep no state (a run that cannot be resumed)
 */
public record CheckpointFiles(Path model, Path state) implements CheckpointSink {

    @Override
    public void saveModel(Model m) {
        if (model != null) {
            ModelFile.save(m, model);
        }
    }

    @Override
    public void saveState(NamedArrays s) {
        if (state != null) {
            StateFile.write(s, state);
        }
    }

    @Override
    public boolean keepsState() {
        return state != null;
    }
}
