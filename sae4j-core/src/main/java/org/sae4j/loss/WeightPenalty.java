package org.sae4j.loss;

/** A penalty on a weight matrix (Keras' kernel_regularizer); biases are never penalised. */
public interface WeightPenalty {

    /** Returns the penalty on {@code weights} and, when {@code grad} is not null, adds its gradient into it. */
    double evaluate(float[] weights, float[] grad);
}
