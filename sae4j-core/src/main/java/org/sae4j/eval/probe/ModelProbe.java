package org.sae4j.eval.probe;

import java.util.Arrays;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.model.Model;

/** Probes a model's latents against its (normalised) inputs on a labelled dataset. */
public final class ModelProbe {
    private ModelProbe() {
    }

    public static ProbeReport run(Model model, Dataset raw, double trainFraction, long seed) {
        if (raw.labels() == null) {
            throw new InvalidInputException("Data '" + raw.name() + "' has no labels; give --labels FILE to probe.");
        }
        Dataset x = model.prepare(raw);
        return Probing.run(latents(model, x), SparseRows.ofDense(x.values(), x.rows(), x.cols()), raw.labels(),
                trainFraction, seed, Probing.DEFAULT_EPOCHS);
    }

    /** Encodes in chunks straight into sparse rows, so a wide SAE never holds a dense rows x width table. */
    static SparseRows latents(Model model, Dataset x) {
        int width = model.latentSize();
        SparseRows.Builder b = new SparseRows.Builder(width);
        int chunk = Model.INFERENCE_BATCH;
        for (int from = 0; from < x.rows(); from += chunk) {
            int n = Math.min(chunk, x.rows() - from);
            float[] codes = model.encode(Arrays.copyOfRange(x.values(), from * x.cols(), (from + n) * x.cols()), n);
            for (int r = 0; r < n; r++) {
                b.addDenseRow(codes, r * width);
            }
        }
        return b.build();
    }
}
