package org.sae4j.model.sae;

import java.util.Arrays;
import org.sae4j.tensor.Kernels;

/**
 * The scale of a sample's pre-activations z = xc·W_encᵀ + b_enc and, per latent, the value that the top
 * {@code above} rows exceed. Computed a block of latents at a time, so a 24576-wide SAE on 4096 rows needs
 * 16 MB, not the 400 MB of the whole z.
 *
 * @param rms      √(mean z²) over every row and latent
 * @param quantile per latent, the {@code above}-th largest z of the sample (null when not asked for)
 */
record PreActivationScan(double rms, float[] quantile) {
    private static final int BLOCK = 1024;

    static PreActivationScan of(Kernels kernels, float[] xc, int rows, int d, float[] wEnc, float[] bEnc, int above) {
        int width = bEnc.length;
        float[] quantile = above > 0 ? new float[width] : null;
        float[] column = new float[rows];
        double sq = 0;
        for (int from = 0; from < width; from += BLOCK) {
            int n = Math.min(BLOCK, width - from);
            float[] w = Arrays.copyOfRange(wEnc, from * d, (from + n) * d);
            float[] z = new float[rows * n];
            kernels.matmulTransB(xc, w, z, rows, d, n, false);
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < n; i++) {
                    float v = z[r * n + i] + bEnc[from + i];
                    z[r * n + i] = v;
                    sq += (double) v * v;
                }
            }
            for (int i = 0; quantile != null && i < n; i++) {
                for (int r = 0; r < rows; r++) {
                    column[r] = z[r * n + i];
                }
                Arrays.sort(column);
                quantile[from + i] = column[rows - above];
            }
        }
        return new PreActivationScan(Math.sqrt(sq / ((double) rows * width)), quantile);
    }
}
