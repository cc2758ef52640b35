package org.sae4j.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sae4j.data.Normalizer;

/**
 * What every model carries besides its parameters: the input normaliser fitted in training and the history
 * of the epochs it was trained for. Shared by the deep autoencoders and the SAEs.
 */
public abstract class TrainedState implements Model {
    private Normalizer normalizer = Normalizer.none();
    private History history = new History(List.of());
    private SparsityControl sparsityControl;
    private Map<String, Object> importedMetadata = Map.of();

    @Override
    public Normalizer normalizer() {
        return normalizer;
    }

    @Override
    public void setNormalizer(Normalizer normalizer) {
        this.normalizer = normalizer;
    }

    /** Every epoch this model was trained for, across fits; saved with the model (without timings). */
    @Override
    public History history() {
        return history;
    }

    @Override
    public void setHistory(History history) {
        this.history = history;
    }

    @Override
    public SparsityControl sparsityControl() {
        return sparsityControl;
    }

    @Override
    public void setSparsityControl(SparsityControl control) {
        this.sparsityControl = control;
    }

    /**
     * The metadata of the SAE this model was imported from (SAELens's model_name, hook_name, context_size, ...):
     * sae4j does not use it, but keeps it through saves so that an export writes it again. Empty for a model
     * sae4j built.
     */
    public Map<String, Object> importedMetadata() {
        return importedMetadata;
    }

    public void setImportedMetadata(Map<String, Object> metadata) {
        this.importedMetadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
