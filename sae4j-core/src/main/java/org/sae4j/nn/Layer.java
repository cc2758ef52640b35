package org.sae4j.nn;

import java.util.List;

/**
 * A differentiable map from a batch of input rows to a batch of output rows. {@code forward} remembers
 * what {@code backward} needs, so calls must alternate forward, backward for the same batch.
 */
public interface Layer {

    int inputSize();

    int outputSize();

    /** Maps {@code batch} rows of {@code x} to a new array of {@code batch} output rows. */
    float[] forward(float[] x, int batch);

    /**
     * Adds the parameter gradients for the last forward batch to {@link Parameter#grad} and returns the
     * gradient with respect to the input, or null when {@code needInputGrad} is false (the first layer).
     *
     * @param gradOut gradient of the loss with respect to this layer's output; may be overwritten
     */
    float[] backward(float[] gradOut, int batch, boolean needInputGrad);

    List<Parameter> parameters();
}
