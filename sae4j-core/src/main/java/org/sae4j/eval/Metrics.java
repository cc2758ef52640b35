package org.sae4j.eval;

import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.RowReader;
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

    /**
     * Evaluates on raw data (the model's normaliser is applied); threshold null picks by code activation. The rows
     * are training rows: inputs for an autoencoder, [x | y] for a transcoder, whose figures are of y.
     */
    public static EvalReport evaluate(Model model, Dataset raw, Double threshold) {
        return evaluateNormalized(model, model.prepareRows(raw), threshold);
    }

    /** Evaluates on data already checked and normalised by {@link Model#prepare}, for callers that hold it. */
    public static EvalReport evaluateNormalized(Model model, Dataset data, Double threshold) {
        return evaluateNormalized(model, data, threshold, Model.INFERENCE_BATCH);
    }

    /** As above with {@code chunk} rows per model call; tests vary it to show the figures do not move. */
    static EvalReport evaluateNormalized(Model model, Dataset data, Double threshold, int chunk) {
        Pass pass = new Pass(model, data.cols(), threshold);
        for (Dataset.Chunk c : data.chunks(chunk)) {
            pass.add(c.values(), c.rows());
        }
        return pass.report(data.name());
    }

    /**
     * Evaluates on raw rows read {@link Model#INFERENCE_BATCH} at a time (a folder of shards that does not fit in
     * memory); each chunk is checked and normalised as {@link Model#prepare} does, so the figures equal those of
     * {@link #evaluate(Model, Dataset, Double)} on the same rows loaded whole.
     */
    public static EvalReport evaluate(Model model, RowReader raw, Double threshold) {
        ActiveUnits.requireValid(threshold);
        if (raw.rows() == 0) {
            throw new InvalidInputException("Data '" + raw.name() + "' holds no rows; expected at least one to evaluate.");
        }
        int cols = raw.cols();
        Pass pass = new Pass(model, cols, threshold);
        for (Dataset.Chunk c : raw.chunks(Model.INFERENCE_BATCH)) {
            pass.addRaw(c.values(), c.rows(), raw.name());
        }
        return pass.report(raw.name());
    }

    /**
     * The sums of one pass over rows, chunk by chunk; no figure depends on the chunking. Public for passes that run
     * apart (a cluster's partitions): each adds its rows with {@link #addRaw}, and their {@link #sums()} merge.
     */
    public static final class Pass {
        private final Model model;
        private final int cols;
        private final double t;
        private final int width;
        private final EvalSums sums;

        /** A pass of {@code model} over rows of {@code cols} values; threshold null picks by code activation. */
        public Pass(Model model, int cols, Double threshold) {
            ActiveUnits.requireValid(threshold);
            this.model = model;
            this.cols = cols;
            this.t = threshold != null ? threshold : model.activeThreshold();
            this.width = model.latentSize();
            float[] centre = model instanceof SparseAutoencoder sae ? sae.decoderBias().value() : null;
            this.sums = new EvalSums(new ReconstructionMetrics(model.outputSize(), centre), new SparsityMetrics(width), t,
                    centre != null);
        }

        /** Adds {@code n} raw rows, checked and normalised as {@link Model#prepare} does. */
        public void addRaw(float[] x, int n, String name) {
            add(model.prepareRows(new Dataset(name, x.length == n * cols ? x : java.util.Arrays.copyOf(x, n * cols), n,
                    cols)).values(), n);
        }

        void add(float[] x, int n) {
            BatchResult r = model.evaluate(x, n);
            sums.recon.add(model.target(x, n), r.output(), n); // a transcoder is scored on its target
            r.addActivations(width, sums.activationSum);
            SparseCode s = r.sparse();
            if (s != null) {
                sums.sparsity.addCsr(s.rowStart(), s.index(), gate(s.value(), s.size(), t), n);
            } else {
                sums.sparsity.addDense(gate(r.dense(), n * width, t), n);
            }
            sums.rows += n;
        }

        /** The sums so far (live: later rows keep adding to them). */
        public EvalSums sums() {
            return sums;
        }

        EvalReport report(String name) {
            return sums.report(name);
        }
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
