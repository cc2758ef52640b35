package org.sae4j.loss;

/** λ Σ w²: weight decay as Keras' kernel_regularizer=l2(λ) defines it (no ½). */
public record L2Weights(double lambda) implements WeightPenalty {

    public L2Weights {
        L1Activity.requireNonNegative("l2 weight penalty", lambda);
    }

    @Override
    public double evaluate(float[] w, float[] grad) {
        double sum = 0;
        float twoL = (float) (2 * lambda);
        for (int i = 0; i < w.length; i++) {
            sum += (double) w[i] * w[i];
            if (grad != null) {
                grad[i] += twoL * w[i];
            }
        }
        return lambda * sum;
    }
}
