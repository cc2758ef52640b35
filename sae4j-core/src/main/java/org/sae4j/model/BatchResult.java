package org.sae4j.model;

import org.sae4j.tensor.SparseCode;

/**
 * The outcome of one batch: the loss terms, the reconstruction and the latents, dense or sparse.
 *
 * @param reconstruction mean reconstruction loss per value (MSE for dictionary-learning SAEs)
 * @param penalty        the sparsity penalty and weight penalties, already weighted
 * @param aux            auxiliary terms (AuxK, the gated SAE's auxiliary reconstruction, JumpReLU's pre-activation
 *                       loss on dead latents), already weighted
 * @param output         the reconstruction x̂, batch × input width, in normalised units
 * @param dense          dense latents, batch × latent width; null when the latents are sparse
 * @param sparse         sparse latents (indices and values per row); null when they are dense
 * @param minKept        BatchTopK's smallest activation kept in the batch, which its inference threshold follows;
 *                       NaN for every other model (a reduction over partitions takes the minimum)
 * @param splits         a budgeted JumpReLU step's value per latent that splits the batch's pre-activations where the
 *                       budget did ({@link StepContext#budget}), which its thresholds follow; NaN where none does,
 *                       null for every other step (a reduction over partitions takes the mean of the defined values)
 */
public record BatchResult(double reconstruction, double penalty, double aux, float[] output, float[] dense,
                          SparseCode sparse, double minKept, float[] splits) {

    public static BatchResult dense(double reconstruction, double penalty, double aux, float[] output, float[] dense) {
        return new BatchResult(reconstruction, penalty, aux, output, dense, null, Double.NaN, null);
    }

    public static BatchResult sparse(double reconstruction, double penalty, double aux, float[] output, SparseCode sparse) {
        return new BatchResult(reconstruction, penalty, aux, output, null, sparse, Double.NaN, null);
    }

    /** This result with BatchTopK's smallest kept activation. */
    public BatchResult withMinKept(double value) {
        return new BatchResult(reconstruction, penalty, aux, output, dense, sparse, value, splits);
    }

    /** This result with a budgeted JumpReLU step's splits. */
    public BatchResult withSplits(float[] values) {
        return new BatchResult(reconstruction, penalty, aux, output, dense, sparse, minKept, values);
    }

    /** The whole objective. */
    public double total() {
        return reconstruction + penalty + aux;
    }

    /**
     * Counts active latents (|a| above {@code threshold}): adds one to {@code fires[i]} per row in which
     * latent i is active (when fires is not null) and returns the total over the batch.
     */
    public long countActive(int latentSize, double threshold, int[] fires) {
        long total = 0;
        if (sparse != null) {
            for (int e = 0; e < sparse.size(); e++) {
                if (Math.abs(sparse.value()[e]) > threshold) {
                    total++;
                    if (fires != null) {
                        fires[sparse.index()[e]]++;
                    }
                }
            }
            return total;
        }
        for (int i = 0; i < dense.length; i++) {
            if (Math.abs(dense[i]) > threshold) {
                total++;
                if (fires != null) {
                    fires[i % latentSize]++;
                }
            }
        }
        return total;
    }

    /** Adds each latent's activations over the batch to {@code sums[latent]}. */
    public void addActivations(int latentSize, double[] sums) {
        if (sparse != null) {
            for (int e = 0; e < sparse.size(); e++) {
                sums[sparse.index()[e]] += sparse.value()[e];
            }
            return;
        }
        for (int i = 0; i < dense.length; i++) {
            sums[i % latentSize] += dense[i];
        }
    }

    /** Sum of every latent activation in the batch. */
    public double activationSum() {
        float[] v = sparse != null ? sparse.value() : dense;
        int n = sparse != null ? sparse.size() : dense.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += v[i];
        }
        return s;
    }
}
