package org.sae4j.eval;

import org.sae4j.nn.Activation;

/**
 * When a code unit counts as active. ReLU and linear units are active when non-zero; sigmoid and tanh units
 * never reach exactly zero, so they count as active above 0.1 in absolute value.
 */
public final class ActiveUnits {
    private ActiveUnits() {
    }

    public static double defaultThreshold(Activation codeActivation) {
        return codeActivation == Activation.SIGMOID || codeActivation == Activation.TANH ? 0.1 : 0.0;
    }

    /** Refuses a threshold that is negative, NaN or infinite; null (pick by activation) is fine. */
    public static void requireValid(Double threshold) {
        if (threshold != null && !(threshold >= 0 && threshold < Double.POSITIVE_INFINITY)) {
            throw new org.sae4j.InvalidInputException("Active threshold is " + threshold
                    + "; expected a finite number >= 0 (a unit is active when |a| exceeds it).");
        }
    }

    /** Number of entries of {@code code[from, to)} with |a| above the threshold. */
    public static long count(float[] code, int from, int to, double threshold) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (Math.abs(code[i]) > threshold) {
                n++;
            }
        }
        return n;
    }
}
