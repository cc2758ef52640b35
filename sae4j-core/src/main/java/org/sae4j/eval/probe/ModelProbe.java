package org.sae4j.eval.probe;

import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.model.Model;
import org.sae4j.tensor.SparseCode;

/** Probes a model's latents against its (normalised) inputs on a labelled dataset. */
public final class ModelProbe {
    private ModelProbe() {
    }

    public static ProbeReport run(Model model, Dataset raw, double trainFraction, long seed) {
        if (raw.labels() == null) {
            throw new InvalidInputException("Data '" + raw.name() + "' has no labels; give --labels FILE to probe.");
        }
        Dataset x = model.prepare(raw);
        return Probing.run(latents(model, x), SparseCode.fromDense(x.values(), x.rows(), x.cols()), raw.labels(),
                trainFraction, seed, Probing.DEFAULT_EPOCHS);
    }

    /** Encodes in chunks straight into sparse rows, so a wide SAE never holds a dense rows x width table. */
    static SparseCode latents(Model model, Dataset x) {
        int width = model.latentSize();
        List<SparseCode> parts = new ArrayList<>();
        for (Dataset.Chunk c : x.chunks(Model.INFERENCE_BATCH)) {
            parts.add(SparseCode.fromDense(model.encode(c.values(), c.rows()), c.rows(), width));
        }
        return SparseCode.concat(parts, width);
    }
}
