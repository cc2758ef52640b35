package org.sae4j.io;

import java.nio.file.Path;
import java.util.Locale;
import org.sae4j.InvalidInputException;
import org.sae4j.Memory;
import org.sae4j.data.Normalizer;
import org.sae4j.model.ModelConfig;
import org.sae4j.model.ModelSize;

/**
 * Checks a model file before a model is built from it: the config's tensors must all be in the file with
 * the right shapes (so a config claiming a huge width fails on the shapes, not on allocating for it), the
 * model must fit in memory, and every number must be finite (NaN weights would give NaN metrics and codes
 * with exit code 0). Every error names the file.
 */
final class ModelChecks {
    private ModelChecks() {
    }

    /** The config, with errors that do not already name the file (an unknown activation, say) prefixed by it. */
    static ModelConfig config(SafeTensorsFile f, Path file) {
        try {
            return ModelConfigJson.fromJson(f.requireMetadata("config"), file.toString());
        } catch (InvalidInputException e) {
            if (e.getMessage() != null && e.getMessage().contains(file.toString())) {
                throw e;
            }
            String m = e.getMessage() == null ? "" : e.getMessage();
            throw new InvalidInputException("The model config in '" + file + "' is invalid: "
                    + (m.isEmpty() ? m : m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1)), e);
        }
    }

    static Normalizer.Kind normalization(SafeTensorsFile f, Path file) {
        String kind = f.metadata().getOrDefault("normalization", "none");
        try {
            return Normalizer.parse(kind);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("File '" + file + "' has metadata normalization '" + kind
                    + "'; expected none, min_max or standardize.", e);
        }
    }

    /** Shapes, memory and finiteness of the parameters, before any of them is allocated. */
    static void parameters(SafeTensorsFile f, ModelConfig config, Path file) {
        double floats = 0;
        for (ModelSize.Tensor t : ModelSize.parameters(config)) {
            requireFinite(f.require(t.name(), t.shape()), t.name(), file);
            floats += f.require(t.name()).data().length;
        }
        Memory.require(4.0 * 2 * floats, "Loading the model in '" + file + "'");
    }

    /**
     * An SAE's shapes and memory before its arrays are allocated: a config claiming a huge width meets the
     * file's own decoder tensor first.
     */
    static void saeParameters(SafeTensorsFile f, org.sae4j.model.sae.SaeConfig config, Path file) {
        long floats = finiteTensor(f, "W_dec", new long[] {config.width(), config.outputSize()}, file).length;
        floats += finiteTensor(f, "encoder.weight", new long[] {config.width(), config.inputSize()}, file).length;
        Memory.require(4.0 * 2 * floats, "Loading the model in '" + file + "'");
    }

    /** The tensor {@code name} of the given shape, refused unless every value is finite. */
    static float[] finiteTensor(SafeTensorsFile f, String name, long[] shape, Path file) {
        Tensor t = f.require(name, shape);
        requireFinite(t, name, file);
        return t.data();
    }

    static float[] finite(SafeTensorsFile f, String name, int width, Path file) {
        Tensor t = f.require(name, width);
        requireFinite(t, name, file);
        return t.data();
    }

    private static void requireFinite(Tensor t, String name, Path file) {
        float[] data = t.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new InvalidInputException("Tensor '" + name + "' in file '" + file + "' holds " + data[i]
                        + " at index " + i + "; expected finite numbers (was the model saved after training diverged?).");
            }
        }
    }
}
