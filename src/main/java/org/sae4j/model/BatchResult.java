package org.sae4j.model;

/**
 * The outcome of one batch.
 *
 * @param reconstruction mean reconstruction loss per value
 * @param penalty        sum of the sparsity and weight penalties
 * @param code           the code activations, batch × code size
 */
public record BatchResult(double reconstruction, double penalty, float[] code) {

    public double total() {
        return reconstruction + penalty;
    }
}
