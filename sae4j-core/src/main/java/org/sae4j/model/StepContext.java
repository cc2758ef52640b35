package org.sae4j.model;

/**
 * What the trainer tells a model about one training step. The trainer owns the counters (sparsify passes a
 * dead mask the same way), so a model stays a pure function of its parameters and this context.
 *
 * @param dead          dead[i] is true when latent i has not fired for the trainer's dead window; null for none
 * @param sparsityScale multiplier of the sparsity coefficient, ramped from 0 to 1 by the coefficient warm-up
 * @param k             latents a TopK-style model keeps this step, annealed down to its own k by the trainer;
 *                      0 for the model's own k
 */
public record StepContext(boolean[] dead, double sparsityScale, int k) {
    /** No dead latents known, full sparsity coefficient. */
    public static final StepContext PLAIN = new StepContext(null, 1.0);

    public StepContext(boolean[] dead, double sparsityScale) {
        this(dead, sparsityScale, 0);
    }

    /** The k to keep this step: the annealed one when the trainer gives one, else the model's {@code own}. */
    public int k(int own) {
        return k > 0 ? k : own;
    }

    public int deadCount() {
        int n = 0;
        if (dead != null) {
            for (boolean d : dead) {
                n += d ? 1 : 0;
            }
        }
        return n;
    }
}
