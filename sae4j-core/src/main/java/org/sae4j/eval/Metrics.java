package org.sae4j.eval;

import org.sae4j.data.Dataset;
import org.sae4j.model.BatchResult;
import org.sae4j.model.Model;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.tensor.SparseCode;

/**
 * Computes an {@link EvalReport} in one streaming pass over the data, {@link Model#INFERENCE_BATCH} rows at a
 * time: every reconstruction figure through {@link ReconstructionMetrics}, every sparsity figure through
 * {@link SparsityMetrics} (sparse latents stay sparse). Both accumulate sums over the whole set, so no figure
 * depends on the chunk size (SAELens #711).
 *
 * <p>Activity: a latent is active when |a| > threshold (the model's {@link Model#activeThreshold}, 0 for
 * ReLU-like latents and 0.1 for classic sigmoid/tanh codes, which never reach exactly 0). SparsityMetrics counts
 * a > 0, so it is fed the gated magnitude g(a) = |a| when |a| > threshold, else 0: g > 0 exactly when the
 * latent is active. For an SAE (a >= 0, threshold 0) g(a) = a. Mean activation stays the signed mean of a.
 */
public final class Metrics {
    private Metrics() {
    }

    /** Evaluates on raw data (the model's normaliser is applied); threshold null picks by code activation. */
    public static EvalReport evaluate(Model model, Dataset raw, Double threshold) {
        return evaluateNormalized(model, model.prepare(raw), threshold);
    }

    /** Evaluates on data already checked and normalised by {@link Model#prepare}, for callers that hold it. */
    public static EvalReport evaluateNormalized(Model model, Dataset data, Double threshold) {
        return evaluateNormalized(model, data, threshold, Model.INFERENCE_BATCH);
    }

    /** As above with {@code chunk} rows per model call; tests vary it to show the figures do not move. */
    static EvalReport evaluateNormalized(Model model, Dataset data, Double threshold, int chunk) {
        ActiveUnits.requireValid(threshold);
        double t = threshold != null ? threshold : model.activeThreshold();
        int rows = data.rows();
        int cols = data.cols();
        int width = model.latentSize();
        float[] centre = model instanceof SparseAutoencoder sae ? sae.decoderBias().value() : null;
        ReconstructionMetrics recon = new ReconstructionMetrics(cols, centre);
        SparsityMetrics sparsity = new SparsityMetrics(width);
        double[] activationSum = new double[width];
        for (Dataset.Chunk c : data.chunks(chunk)) {
            int n = c.rows();
            BatchResult r = model.evaluate(c.values(), n);
            recon.add(c.values(), r.output(), n);
            r.addActivations(width, activationSum);
            SparseCode s = r.sparse();
            if (s != null) {
                sparsity.addCsr(s.rowStart(), s.index(), gate(s.value(), s.size(), t), n);
            } else {
                sparsity.addDense(gate(r.dense(), n * width, t), n);
            }
        }
        float[] meanActivation = new float[width];
        for (int u = 0; u < width; u++) {
            meanActivation[u] = (float) (activationSum[u] / rows);
        }
        double fvu = ExplainedVariance.unexplainedFraction(recon.sumSquaredError(), recon.totalSumOfSquares());
        return new EvalReport(data.name(), rows, recon.mse(), fvu, recon.explainedVariance(),
                recon.cosineSimilarity(), recon.l2Ratio(), recon.relativeReconstructionBias(), recon.shrinkage(),
                centre != null ? "b_dec" : "origin", sparsity.l0(), sparsity.deadFraction(), meanActivation,
                sparsity.density(), sparsity.histogram(EvalReport.HISTOGRAM_BINS), t);
    }

    /** g(a) = |a| when |a| > threshold, else 0, for the first {@code n} values (a copy: the batch is left as is). */
    static float[] gate(float[] a, int n, double threshold) {
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            float m = Math.abs(a[i]);
            g[i] = m > threshold ? m : 0f;
        }
        return g;
    }
}
