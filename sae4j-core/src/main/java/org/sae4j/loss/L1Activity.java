package org.sae4j.loss;

import org.sae4j.InvalidInputException;

/** λ · mean over the batch of Σ_j |a_j|: Keras' activity_regularizer=l1(λ). */
public record L1Activity(double lambda) implements ActivityPenalty {

    public L1Activity {
        requireNonNegative("l1 activity weight", lambda);
    }

    @Override
    public double evaluate(float[] a, int batch, int units, float[] grad) {
        double sum = 0;
        float g = (float) (lambda / batch);
        for (int i = 0; i < batch * units; i++) {
            sum += Math.abs(a[i]);
            if (grad != null) {
                grad[i] += g * Math.signum(a[i]);
            }
        }
        return lambda * sum / batch;
    }

    static void requireNonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidInputException("The " + what + " is " + value + "; expected a finite number >= 0.");
        }
    }
}
