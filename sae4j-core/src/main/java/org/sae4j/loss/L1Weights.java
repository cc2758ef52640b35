package org.sae4j.loss;

/** λ Σ |w|: Keras' kernel_regularizer=l1(λ), which drives weights to exactly zero. */
public record L1Weights(double lambda) implements WeightPenalty {

    public L1Weights {
        L1Activity.requireNonNegative("l1 weight penalty", lambda);
    }

    @Override
    public double evaluate(float[] w, float[] grad) {
        double sum = 0;
        float l = (float) lambda;
        for (int i = 0; i < w.length; i++) {
            sum += Math.abs(w[i]);
            if (grad != null) {
                grad[i] += l * Math.signum(w[i]);
            }
        }
        return lambda * sum;
    }
}
