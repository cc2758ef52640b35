package org.sae4j.model.sae;

import java.util.List;
import org.sae4j.tensor.Kernels;
import org.sae4j.tensor.Selection;
import org.sae4j.tensor.SparseCode;

/** TopK (Gao et al. 2024): f = ReLU of each sample's k largest pre-activations, the rest zero. */
public final class TopKSae extends KSparseSae {

    TopKSae(SaeConfig config, Kernels kernels) {
        super(config, kernels, List.of());
    }

    @Override
    protected SparseCode select(float[] product, float[] bias, int batch, int k, boolean training) {
        return Selection.topKPerRow(product, bias, batch, width, k);
    }
}
