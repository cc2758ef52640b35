package org.sae4j.nn;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleSupplier;

/**
 * Central finite differences in float, shared by the layer, loss, penalty and model tests. Each checked value
 * is moved to {@code v ± eps} in place, the objective recomputed, and the value restored bit for bit; the
 * divisor is the float difference actually applied, not {@code 2·eps}, so rounding of the perturbation does
 * not count as gradient error.
 */
public final class GradientCheck {
    /** Absolute part of the default tolerance. */
    public static final double ABS_TOL = 1e-3;
    /** Relative part of the default tolerance. */
    public static final double REL_TOL = 2e-2;

    private GradientCheck() {
    }

    /** d objective / d values[i] by central differences. */
    public static double numeric(float[] values, int i, float eps, DoubleSupplier objective) {
        float saved = values[i];
        float plus = saved + eps;
        float minus = saved - eps;
        values[i] = plus;
        double fPlus = objective.getAsDouble();
        values[i] = minus;
        double fMinus = objective.getAsDouble();
        values[i] = saved;
        return (fPlus - fMinus) / ((double) plus - (double) minus);
    }

    /** Whether an analytic and numeric derivative agree within {@code abs + rel·max(|a|, |n|)}. */
    public static boolean close(double analytic, double numeric, double abs, double rel) {
        return Math.abs(analytic - numeric) <= abs + rel * Math.max(Math.abs(analytic), Math.abs(numeric));
    }

    /** Checks every entry of {@code analytic} against the numeric derivative, default tolerance. */
    public static void check(String what, float[] values, float[] analytic, float eps, DoubleSupplier objective) {
        check(what, values, analytic, eps, ABS_TOL, REL_TOL, objective, i -> true);
    }

    /** Selects which indices to check, e.g. to skip values sitting on a kink. */
    public interface IndexFilter {
        boolean test(int i);
    }

    /**
     * Checks {@code analytic[i]} for every selected i and fails listing the worst mismatches. Returns the number
     * of values checked, so callers can assert that a filter did not skip everything.
     */
    public static int check(String what, float[] values, float[] analytic, float eps, double abs, double rel,
            DoubleSupplier objective, IndexFilter filter) {
        if (values.length != analytic.length) {
            fail(what + ": " + values.length + " values but " + analytic.length + " gradient entries");
        }
        StringBuilder errors = new StringBuilder();
        int bad = 0;
        int checked = 0;
        for (int i = 0; i < values.length; i++) {
            if (!filter.test(i)) {
                continue;
            }
            checked++;
            double n = numeric(values, i, eps, objective);
            double a = analytic[i];
            if (!close(a, n, abs, rel)) {
                if (bad++ < 8) {
                    errors.append(String.format("%n  [%d] analytic %.6g, numeric %.6g", i, a, n));
                }
            }
        }
        if (bad > 0) {
            fail(what + ": " + bad + " of " + checked + " derivatives disagree" + errors);
        }
        return checked;
    }
}
