package org.sae4j.model.sae;

import org.sae4j.tensor.ParallelRows;

/**
 * Keeps decoder rows on the unit sphere: project the gradient onto the tangent space, renormalise after the step.
 * Rows are independent, so they are split over threads without changing a bit.
 */
final class DecoderNorm {
    private DecoderNorm() {
    }

    /** g_i −= (g_i·w_i / ‖w_i‖²) w_i for every row, so the step does not change the row's norm to first order. */
    static void removeParallelComponent(float[] w, float[] g, int rows, int d) {
        ParallelRows.run(rows, 1, 4L * rows * d, (from, to) -> removeParallel(w, g, from, to, d));
    }

    private static void removeParallel(float[] w, float[] g, int from, int to, int d) {
        for (int i = from; i < to; i++) {
            int o = i * d;
            double dot = 0;
            double sq = 0;
            for (int j = 0; j < d; j++) {
                dot += (double) g[o + j] * w[o + j];
                sq += (double) w[o + j] * w[o + j];
            }
            if (sq == 0) {
                continue;
            }
            float s = (float) (dot / sq);
            for (int j = 0; j < d; j++) {
                g[o + j] -= s * w[o + j];
            }
        }
    }

    /** w_i ← w_i / ‖w_i‖ (rows of zero norm are left alone). */
    static void normalizeRows(float[] w, int rows, int d) {
        ParallelRows.run(rows, 1, 2L * rows * d, (from, to) -> normalize(w, from, to, d));
    }

    private static void normalize(float[] w, int from, int to, int d) {
        for (int i = from; i < to; i++) {
            int o = i * d;
            double sq = 0;
            for (int j = 0; j < d; j++) {
                sq += (double) w[o + j] * w[o + j];
            }
            if (sq == 0) {
                continue;
            }
            float s = (float) (1.0 / Math.sqrt(sq));
            for (int j = 0; j < d; j++) {
                w[o + j] *= s;
            }
        }
    }
}
