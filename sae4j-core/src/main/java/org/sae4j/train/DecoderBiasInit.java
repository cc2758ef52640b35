package org.sae4j.train;

import org.sae4j.data.Dataset;

/**
 * Where b_dec starts. The geometric median (the point minimising the sum of Euclidean distances to the
 * samples) is robust to outliers, which activation data has many of; it is found by Weiszfeld's iteration
 * from the mean, as in OpenAI's and SAELens's initialisation.
 */
final class DecoderBiasInit {
    static final int SAMPLE = 10_000;
    private static final int MAX_ITERATIONS = 100;

    private DecoderBiasInit() {
    }

    static float[] of(String kind, Dataset data) {
        int rows = Math.min(SAMPLE, data.rows());
        return switch (kind) {
            case "zero" -> new float[data.cols()];
            case "mean" -> toFloat(mean(data.values(), rows, data.cols()));
            default -> toFloat(geometricMedian(data.values(), rows, data.cols()));
        };
    }

    static double[] mean(float[] x, int rows, int cols) {
        double[] m = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                m[j] += x[r * cols + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            m[j] /= Math.max(rows, 1);
        }
        return m;
    }

    /** Weiszfeld: y ← Σ w_n x_n / Σ w_n with w_n = 1 / ‖x_n − y‖, until y moves less than 1e-6 of its scale. */
    static double[] geometricMedian(float[] x, int rows, int cols) {
        double[] y = mean(x, rows, cols);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] num = new double[cols];
            double den = 0;
            for (int r = 0; r < rows; r++) {
                double sq = 0;
                for (int j = 0; j < cols; j++) {
                    double diff = x[r * cols + j] - y[j];
                    sq += diff * diff;
                }
                // A sample sitting on y would get infinite weight; the floor keeps the step finite.
                double w = 1.0 / Math.max(Math.sqrt(sq), 1e-8);
                den += w;
                for (int j = 0; j < cols; j++) {
                    num[j] += w * x[r * cols + j];
                }
            }
            double moved = 0;
            double scale = 0;
            for (int j = 0; j < cols; j++) {
                double next = num[j] / den;
                moved += (next - y[j]) * (next - y[j]);
                scale += next * next;
                y[j] = next;
            }
            if (Math.sqrt(moved) <= 1e-6 * Math.max(Math.sqrt(scale), 1e-12)) {
                break;
            }
        }
        return y;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
