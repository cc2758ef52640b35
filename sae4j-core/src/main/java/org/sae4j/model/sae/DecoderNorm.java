package org.sae4j.model.sae;

import org.sae4j.nn.RowConstraint;

/**
 * Keeps decoder rows on the unit sphere: project the gradient onto the tangent space, renormalise after the step.
 * The optimizer applies it a few rows at a time, inside its update ({@link RowConstraint}); rows are independent, so
 * any split over threads or groups gives the same bits.
 *
 * <p>Each row's sums run in double precision, term by term in column order, and that order is part of a model's
 * bits. One such sum is a chain of dependent adds (3-4 cycles each), so the loops were latency-bound, under memory
 * speed (24,576 × 768: 7.4 ms to project, 5.8 ms to renormalise on two cores, about 30 GB/s). So rows go through
 * the loop together, each sum still a chain in column order, the same bits: two rows for the projection (four
 * chains; four rows measured slower), four for the renormalisation. Measured on one core, 24,576 × 768: 14.3 ms
 * to 12.0 to project, 11.7 to 7.1-10.1 to renormalise; 4,096 × 784: 2.2-2.4 to 2.0, 1.9 to 1.2.
 */
record DecoderNorm(int rowLength) implements RowConstraint {

    /** g_i −= (g_i·w_i / ‖w_i‖²) w_i, so the step does not change the row's norm to first order. */
    @Override
    public void project(float[] w, float[] g, int from, int to) {
        int d = rowLength;
        int i = from;
        for (; i + 2 <= to; i += 2) {
            int o0 = i * d;
            int o1 = o0 + d;
            double dot0 = 0;
            double dot1 = 0;
            double sq0 = 0;
            double sq1 = 0;
            for (int j = 0; j < d; j++) {
                double w0 = w[o0 + j];
                double w1 = w[o1 + j];
                dot0 += g[o0 + j] * w0;
                sq0 += w0 * w0;
                dot1 += g[o1 + j] * w1;
                sq1 += w1 * w1;
            }
            subtract(w, g, o0, d, dot0, sq0);
            subtract(w, g, o1, d, dot1, sq1);
        }
        for (; i < to; i++) {
            int o = i * d;
            double dot = 0;
            double sq = 0;
            for (int j = 0; j < d; j++) {
                dot += (double) g[o + j] * w[o + j];
                sq += (double) w[o + j] * w[o + j];
            }
            subtract(w, g, o, d, dot, sq);
        }
    }

    /** g[o..o+d) −= (dot / sq) · w[o..o+d), unless the row has zero norm. */
    private static void subtract(float[] w, float[] g, int o, int d, double dot, double sq) {
        if (sq == 0) {
            return;
        }
        float s = (float) (dot / sq);
        for (int j = 0; j < d; j++) {
            g[o + j] -= s * w[o + j];
        }
    }

    /** w_i ← w_i / ‖w_i‖ (rows of zero norm are left alone). */
    @Override
    public void restore(float[] w, int from, int to) {
        int d = rowLength;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int o0 = i * d;
            int o1 = o0 + d;
            int o2 = o1 + d;
            int o3 = o2 + d;
            double sq0 = 0;
            double sq1 = 0;
            double sq2 = 0;
            double sq3 = 0;
            for (int j = 0; j < d; j++) {
                sq0 += (double) w[o0 + j] * w[o0 + j];
                sq1 += (double) w[o1 + j] * w[o1 + j];
                sq2 += (double) w[o2 + j] * w[o2 + j];
                sq3 += (double) w[o3 + j] * w[o3 + j];
            }
            scale(w, o0, d, sq0);
            scale(w, o1, d, sq1);
            scale(w, o2, d, sq2);
            scale(w, o3, d, sq3);
        }
        for (; i < to; i++) {
            int o = i * d;
            double sq = 0;
            for (int j = 0; j < d; j++) {
                sq += (double) w[o + j] * w[o + j];
            }
            scale(w, o, d, sq);
        }
    }

    /** w[o..o+d) ·= 1/√sq, unless the row has zero norm. */
    private static void scale(float[] w, int o, int d, double sq) {
        if (sq == 0) {
            return;
        }
        float s = (float) (1.0 / Math.sqrt(sq));
        for (int j = 0; j < d; j++) {
            w[o + j] *= s;
        }
    }
}
