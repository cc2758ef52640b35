package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sae4j.tensor.JavaKernels;
import org.sae4j.tensor.Rng;

/** The blockwise scan equals the whole z computed at once, across block boundaries (2,500 latents: 3 blocks). */
class PreActivationScanTest {
    @Test
    void blocksGiveTheWholeMatrixRmsAndQuantiles() {
        int rows = 40;
        int d = 5;
        int width = 2500;
        Rng rng = new Rng(8);
        float[] x = new float[rows * d];
        float[] w = new float[width * d];
        float[] b = new float[width];
        for (float[] a : new float[][] {x, w, b}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rng.gaussian();
            }
        }
        PreActivationScan scan = PreActivationScan.of(JavaKernels.INSTANCE, x, rows, d, w, b, 7);
        double sq = 0;
        for (int i = 0; i < width; i++) {
            float[] column = new float[rows];
            for (int r = 0; r < rows; r++) {
                float s = 0;
                for (int j = 0; j < d; j++) {
                    s += x[r * d + j] * w[i * d + j];
                }
                column[r] = s + b[i];
                sq += (double) column[r] * column[r];
            }
            Arrays.sort(column);
            assertEquals(column[rows - 7], scan.quantile()[i], 1e-5f, "latent " + i);
        }
        assertEquals(Math.sqrt(sq / (rows * width)), scan.rms(), 1e-6);
        assertNull(PreActivationScan.of(JavaKernels.INSTANCE, x, rows, d, w, b, 0).quantile());
    }
}
