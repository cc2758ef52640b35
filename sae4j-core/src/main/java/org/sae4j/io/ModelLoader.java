package org.sae4j.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.sae4j.io.interchange.ExternalSae;
import org.sae4j.io.interchange.ExternalSaes;
import org.sae4j.io.interchange.SaeExchange;
import org.sae4j.model.Model;

/**
 * What {@code --model} accepts: an sae4j model file, or a pretrained SAE from the Python tools (a SAELens v6 or
 * pre-6.0 directory, a sparsify directory, a Gemma Scope params.npz), which then encodes, evaluates and
 * reports in Java with exactly its own maths.
 */
public final class ModelLoader {
    private ModelLoader() {
    }

    public static Model load(Path path) {
        return load(path, line -> { });
    }

    /**
     * As {@link #load(Path)}, telling {@code notices} in one line each what was changed on the way in: an
     * activation scaler (SAELens's activation_scaler.json) folded into the weights.
     */
    public static Model load(Path path, Consumer<String> notices) {
        if (ExternalSaes.detect(path).isPresent()) {
            ExternalSae e = ExternalSaes.read(path);
            if (e.normScalingFactor() != null) {
                notices.accept(String.format(Locale.ROOT, "Note: SAE '%s' scales its inputs by %s (activation_scaler.json); "
                        + "that factor is folded into the weights, so the model takes raw activations.", e.source(),
                        e.normScalingFactor()));
            }
            return SaeExchange.fromExternal(e);
        }
        return ModelFile.load(path);
    }
}
