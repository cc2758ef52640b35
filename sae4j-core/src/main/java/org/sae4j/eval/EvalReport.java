package org.sae4j.eval;

import java.util.Locale;

/**
 * Quality and sparsity of a model on one dataset, all in the model's normalised units. Each figure has one
 * definition, written out in {@link ReconstructionMetrics} (reconstruction) and {@link SparsityMetrics}
 * (sparsity); N is the number of samples, d the values per sample.
 *
 * @param dataset                    the data's name
 * @param samples                    N
 * @param mse                        sum_n ||x_n - x_hat_n||^2 / (N d), the mean squared error per element
 * @param fvu                        fraction of variance unexplained, sum_n ||x_n - x_hat_n||^2 / sum_n ||x_n - mu||^2
 *                                   with mu the per-dimension mean (1 - explained variance; 0 for constant data
 *                                   reconstructed exactly, +infinity for constant data that is not;
 *                                   {@link ExplainedVariance#unexplainedFraction})
 * @param explainedVariance          1 - fvu: variance about the per-dimension mean (not about zero: SAELens #665);
 *                                   NaN for constant data ({@link ExplainedVariance#of}, as in training)
 * @param cosineSimilarity           mean over samples with x != 0 of cos(x, x_hat)
 * @param l2Ratio                    mean over samples with x != 0 of ||x_hat|| / ||x||
 * @param relativeReconstructionBias sum_n ||x_hat_n||^2 / sum_n x_hat_n . x_n (1 unbiased, below 1 shrunk)
 * @param shrinkage                  mean of ||x_hat - b|| / ||x - b||, b the centre (see {@code shrinkageCentre})
 * @param shrinkageCentre            "b_dec" for a dictionary-learning SAE, "origin" for a classic autoencoder
 *                                   (it has no single output bias in input space), where shrinkage = l2 ratio
 * @param l0                         mean number of active latents per sample
 * @param deadFraction               latents never active on this data / latents
 * @param meanActivation             per latent, the mean of its (signed) activation over the samples
 * @param density                    per latent, the fraction of samples on which it is active
 * @param histogram                  alive latents binned by log10(density); dead latents counted apart
 * @param threshold                  a latent is active on a sample when |a| > threshold: the model's
 *                                   activeThreshold (0 for ReLU-like latents, 0.1 for sigmoid/tanh codes) unless
 *                                   overridden
 */
public record EvalReport(String dataset, int samples, double mse, double fvu, double explainedVariance,
                         double cosineSimilarity, double l2Ratio, double relativeReconstructionBias,
                         double shrinkage, String shrinkageCentre, double l0, double deadFraction,
                         float[] meanActivation, double[] density, DensityHistogram histogram, double threshold) {

    /** Bins of the density histogram over [log10(1/N), 0]. */
    public static final int HISTOGRAM_BINS = 10;

    public int codeSize() {
        return meanActivation.length;
    }

    /** Mean over code units of their mean activation. */
    public double overallMeanActivation() {
        double s = 0;
        for (float a : meanActivation) {
            s += a;
        }
        return s / meanActivation.length;
    }

    /** Per latent, log10(density + 1e-10) (SAELens's sparsity.safetensors convention: a dead latent reads -10). */
    public double[] log10Density() {
        double[] out = new double[density.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.log10(density[i] + SparsityMetrics.LOG_DENSITY_EPSILON);
        }
        return out;
    }

    /** The scalar figures by name, then the per-latent arrays abbreviated (never array addresses). */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "EvalReport[dataset=%s, samples=%d, mse=%s, fvu=%s, explainedVariance=%s, "
                        + "cosineSimilarity=%s, l2Ratio=%s, relativeReconstructionBias=%s, shrinkage=%s (about %s), "
                        + "l0=%s, deadFraction=%s, threshold=%s, latents=%d, meanActivation=%s, density=%s, histogram=%s]",
                dataset, samples, mse, fvu, explainedVariance, cosineSimilarity, l2Ratio, relativeReconstructionBias,
                shrinkage, shrinkageCentre, l0, deadFraction, threshold, codeSize(), head(meanActivation),
                head(density), histogram);
    }

    // Records compare arrays by identity; compare contents so equal reports are equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof EvalReport r && java.util.Objects.equals(dataset, r.dataset) && samples == r.samples
                && Double.compare(mse, r.mse) == 0 && Double.compare(fvu, r.fvu) == 0
                && Double.compare(explainedVariance, r.explainedVariance) == 0
                && Double.compare(cosineSimilarity, r.cosineSimilarity) == 0 && Double.compare(l2Ratio, r.l2Ratio) == 0
                && Double.compare(relativeReconstructionBias, r.relativeReconstructionBias) == 0
                && Double.compare(shrinkage, r.shrinkage) == 0 && java.util.Objects.equals(shrinkageCentre, r.shrinkageCentre)
                && Double.compare(l0, r.l0) == 0 && Double.compare(deadFraction, r.deadFraction) == 0
                && java.util.Arrays.equals(meanActivation, r.meanActivation) && java.util.Arrays.equals(density, r.density)
                && java.util.Objects.equals(String.valueOf(histogram), String.valueOf(r.histogram))
                && Double.compare(threshold, r.threshold) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(dataset, samples, mse, fvu, l0, deadFraction, java.util.Arrays.hashCode(meanActivation),
                java.util.Arrays.hashCode(density), threshold);
    }

    private static final int SHOWN = 8;

    private static String head(float[] v) {
        double[] d = new double[Math.min(SHOWN, v.length)];
        for (int i = 0; i < d.length; i++) {
            d[i] = v[i];
        }
        return head(d, v.length);
    }

    private static String head(double[] v) {
        return head(v, v.length);
    }

    /** The first few values, then how many there are in all. */
    private static String head(double[] v, int total) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < Math.min(SHOWN, total); i++) {
            sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.4g", v[i]));
        }
        return sb.append(total > SHOWN ? ", ... (" + total + " values)]" : "]").toString();
    }
}
