package org.sae4j.model;

/**
 * Where the sparsity controller left a model: saved in the model file, so a continued fit resumes from the
 * multiplier it had reached rather than from the configured coefficient.
 *
 * @param measure    "l0" (active latents per sample) or "rho" (mean code activation)
 * @param target     the value asked for
 * @param reached    the smoothed training value at the end
 * @param multiplier factor on the configured sparsity coefficient (or L1 / KL weight) at the end; for a model whose
 *                   thresholds follow a budget ({@link TrainingTraits#followsBudget}), the budget is the target over it
 * @param saturated  true when the multiplier ended at its bound, so the target may be unreachable
 */
public record SparsityControl(String measure, double target, double reached, double multiplier, boolean saturated) {

    /** A target as people write it: "20", or "12.5" for a fractional one (four significant digits at most). */
    public static String count(double target) {
        return target == Math.rint(target) ? String.valueOf((long) target)
                : java.math.BigDecimal.valueOf(target).round(new java.math.MathContext(4)).stripTrailingZeros()
                        .toPlainString();
    }
}
