package org.sae4j.io;

import java.nio.file.Path;
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
        if (ExternalSaes.detect(path).isPresent()) {
            return SaeExchange.fromExternal(ExternalSaes.read(path));
        }
        return ModelFile.load(path);
    }
}
