package org.sae4j.eval;

/**
 * Quality and sparsity of a model on one dataset, all in the model's normalised units.
 *
 * @param mse            mean squared reconstruction error per value
 * @param fvu            fraction of variance unexplained: Σ(x − x̂)² / Σ(x − mean x)², per-feature means
 * @param l0             mean number of active code units per sample
 * @param deadFraction   fraction of code units never active on this data
 * @param meanActivation mean activation of each code unit
 * @param threshold      |a| above which a unit counted as active
 */
public record EvalReport(String dataset, int samples, double mse, double fvu, double l0, double deadFraction,
                         float[] meanActivation, double threshold) {

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

    // The record's own toString would print the array's address.
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "EvalReport[dataset=%s, samples=%d, mse=%s, fvu=%s, l0=%s, "
                + "deadFraction=%s, meanActivation=%s, threshold=%s]", dataset, samples, mse, fvu, l0, deadFraction,
                java.util.Arrays.toString(meanActivation), threshold);
    }

    // Records compare arrays by identity; compare contents so equal reports are equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof EvalReport r && java.util.Objects.equals(dataset, r.dataset) && samples == r.samples
                && Double.compare(mse, r.mse) == 0 && Double.compare(fvu, r.fvu) == 0 && Double.compare(l0, r.l0) == 0
                && Double.compare(deadFraction, r.deadFraction) == 0
                && java.util.Arrays.equals(meanActivation, r.meanActivation)
                && Double.compare(threshold, r.threshold) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(dataset, samples, mse, fvu, l0, deadFraction,
                java.util.Arrays.hashCode(meanActivation), threshold);
    }
}
