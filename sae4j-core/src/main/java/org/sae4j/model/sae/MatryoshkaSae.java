package org.sae4j.model.sae;

import org.sae4j.tensor.Kernels;
import org.sae4j.tensor.SparseCode;

/**
 * Matryoshka BatchTopK (Bussmann et al. 2025): the dictionary is split into nested groups, and every prefix
 * (the first group, the first two, ..., all) reconstructs the input on its own, so early latents learn
 * general features and later ones refine them. Loss = mean over the M prefixes m of MSE(x̂_m, x), where
 * x̂_m = b_dec + Σ over kept latents in the first m groups of f_i·W_dec,i (uniform group weights, as in
 * dictionary_learning). The full reconstruction x̂ is the last prefix. A transcoder's prefixes are compared with its
 * target y, and a skip transcoder's x·W_skipᵀ is in every prefix, as b_dec is.
 */
public final class MatryoshkaSae extends BatchTopKSae {
    private final int[] groupEnd;

    MatryoshkaSae(SaeConfig config, Kernels kernels) {
        super(config, kernels);
        int[] g = config.groups();
        groupEnd = new int[g.length];
        int end = 0;
        for (int i = 0; i < g.length; i++) {
            end += g[i];
            groupEnd[i] = end;
        }
    }

    @Override
    protected String describeSparsity() {
        return " (k=" + config.k() + ", " + groupEnd.length + " nested groups)";
    }

    /**
     * The gradient is laid out as M blocks of batch rows: block g holds D_g = Σ_{m ≥ g} dL/dx̂_m, which is what
     * a latent of group g receives (it appears in every prefix from its own on). Block 0 is b_dec's gradient.
     */
    @Override
    protected Reconstruction reconstruction(SparseCode code, float[] x, float[] target, int batch) {
        int m = groupEnd.length;
        int d = dOut; // the width of what is reconstructed
        int n = batch * d;
        // A skip transcoder's linear part is in every prefix, as b_dec is.
        float[] skip = null;
        if (wSkip != null) {
            skip = new float[n];
            addSkip(x, skip, batch);
        }
        float[] prefix = new float[m * n];
        int[] gradRow = new int[code.size()];
        float[] w = wDec.value();
        for (int r = 0; r < batch; r++) {
            // Entries are sorted by latent, so groups come in order: accumulate prefix by prefix.
            float[] acc = bDec.value().clone();
            if (skip != null) {
                for (int j = 0; j < d; j++) {
                    acc[j] += skip[r * d + j];
                }
            }
            int e = code.rowStart()[r];
            for (int g = 0; g < m; g++) {
                for (; e < code.rowStart()[r + 1] && code.index()[e] < groupEnd[g]; e++) {
                    float v = code.value()[e];
                    int o = code.index()[e] * d;
                    for (int j = 0; j < d; j++) {
                        acc[j] += v * w[o + j];
                    }
                    gradRow[e] = g * batch + r;
                }
                System.arraycopy(acc, 0, prefix, g * n + r * d, d);
            }
        }
        double loss = 0;
        float[] grad = new float[m * n];
        float[] block = new float[n];
        for (int g = m - 1; g >= 0; g--) {
            float[] xm = java.util.Arrays.copyOfRange(prefix, g * n, (g + 1) * n);
            loss += mse(xm, target, n, block, 1.0 / m);
            for (int i = 0; i < n; i++) {
                grad[g * n + i] = block[i] + (g + 1 < m ? grad[(g + 1) * n + i] : 0f);
            }
        }
        // The last prefix is the full reconstruction x̂: no second decode.
        return new Reconstruction(java.util.Arrays.copyOfRange(prefix, (m - 1) * n, m * n), loss / m, grad, gradRow);
    }
}
