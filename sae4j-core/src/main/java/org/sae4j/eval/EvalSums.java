package org.sae4j.eval;

/**
 * The sums an evaluation pass accumulates (reconstruction, sparsity, the signed activation per latent, rows), apart
 * from the model that produced them, so that passes over different rows — a cluster's partitions — {@link #merge}
 * into the sums of all the rows and give one {@link EvalReport} with the figures' one definition. Every figure is a
 * ratio of these sums, so the merged report equals one pass over all the rows up to the order of the additions;
 * counts (samples, firings, L0's numerator, dead latents) are exact.
 */
public final class EvalSums implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final ReconstructionMetrics recon;
    final SparsityMetrics sparsity;
    final double[] activationSum;
    final double threshold;
    final boolean centred;
    long rows;

    EvalSums(ReconstructionMetrics recon, SparsityMetrics sparsity, double threshold, boolean centred) {
        this.recon = recon;
        this.sparsity = sparsity;
        this.activationSum = new double[sparsity.width()];
        this.threshold = threshold;
        this.centred = centred;
    }

    /** Adds {@code other}'s sums (the same model and threshold, other rows) into these; returns this. */
    public EvalSums merge(EvalSums other) {
        if (other.threshold != threshold || other.centred != centred) {
            throw new IllegalArgumentException("sums of another threshold or model merged");
        }
        recon.merge(other.recon);
        sparsity.merge(other.sparsity);
        for (int u = 0; u < activationSum.length; u++) {
            activationSum[u] += other.activationSum[u];
        }
        rows += other.rows;
        return this;
    }

    public long rows() {
        return rows;
    }

    /** The report of every row summed, named {@code name}. */
    public EvalReport report(String name) {
        int width = activationSum.length;
        float[] meanActivation = new float[width];
        for (int u = 0; u < width; u++) {
            meanActivation[u] = (float) (activationSum[u] / rows);
        }
        double fvu = ExplainedVariance.unexplainedFraction(recon.sumSquaredError(), recon.totalSumOfSquares());
        return new EvalReport(name, (int) rows, recon.mse(), fvu, recon.explainedVariance(), recon.cosineSimilarity(),
                recon.l2Ratio(), recon.relativeReconstructionBias(), recon.shrinkage(), centred ? "b_dec" : "origin",
                sparsity.l0(), sparsity.deadFraction(), meanActivation, sparsity.density(),
                sparsity.histogram(EvalReport.HISTOGRAM_BINS), threshold);
    }
}
