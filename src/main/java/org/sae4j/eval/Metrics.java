package org.sae4j.eval;

import org.sae4j.data.Dataset;
import org.sae4j.model.Autoencoder;

/** Computes an {@link EvalReport} in one streaming pass over the data, a chunk of rows at a time. */
public final class Metrics {
    private static final int CHUNK = 1024;

    private Metrics() {
    }

    /** Evaluates on raw data (the model's normaliser is applied); threshold null picks by code activation. */
    public static EvalReport evaluate(Autoencoder model, Dataset raw, Double threshold) {
        return evaluateNormalized(model, model.prepare(raw), threshold);
    }

    /** Evaluates on data already checked and normalised by {@link Autoencoder#prepare}, for callers that hold it. */
    public static EvalReport evaluateNormalized(Autoencoder model, Dataset data, Double threshold) {
        ActiveUnits.requireValid(threshold);
        double t = threshold != null ? threshold : ActiveUnits.defaultThreshold(model.config().codeActivation());
        int rows = data.rows();
        int cols = data.cols();
        int codeSize = model.config().codeSize();
        double[] featureMean = new double[cols];
        float[] v = data.values();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                featureMean[j] += v[i * cols + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            featureMean[j] /= rows;
        }
        double sse = 0;
        double sst = 0;
        long active = 0;
        double[] activationSum = new double[codeSize];
        boolean[] everActive = new boolean[codeSize];
        for (int from = 0; from < rows; from += CHUNK) {
            int n = Math.min(CHUNK, rows - from);
            float[] x = java.util.Arrays.copyOfRange(v, from * cols, (from + n) * cols);
            float[] code = model.encode(x, n);
            float[] out = model.decode(code, n);
            for (int i = 0; i < n * cols; i++) {
                double d = out[i] - x[i];
                double c = x[i] - featureMean[i % cols];
                sse += d * d;
                sst += c * c;
            }
            for (int i = 0; i < n * codeSize; i++) {
                int unit = i % codeSize;
                activationSum[unit] += code[i];
                if (Math.abs(code[i]) > t) {
                    active++;
                    everActive[unit] = true;
                }
            }
        }
        float[] meanActivation = new float[codeSize];
        int dead = 0;
        for (int u = 0; u < codeSize; u++) {
            meanActivation[u] = (float) (activationSum[u] / rows);
            dead += everActive[u] ? 0 : 1;
        }
        double fvu = sst == 0 ? (sse == 0 ? 0 : Double.POSITIVE_INFINITY) : sse / sst;
        return new EvalReport(data.name(), rows, sse / ((double) rows * cols), fvu, (double) active / rows,
                (double) dead / codeSize, meanActivation, t);
    }
}
