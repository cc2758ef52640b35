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
}
