package org.sae4j.loss;

/** A sparsity penalty on the code layer's activations, a batch at a time. */
public interface ActivityPenalty {

    /**
     * Returns the penalty for {@code batch} rows of {@code units} activations and, when {@code grad} is not
     * null, adds d penalty / d activation into it.
     */
    double evaluate(float[] activations, int batch, int units, float[] grad);
}
