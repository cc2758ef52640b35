package org.sae4j.model;

/**
 * What the trainer tells a model about one training step. The trainer owns the counters (sparsify passes a
 * dead mask the same way), so a model stays a pure function of its parameters and this context.
 *
 * @param dead          dead[i] is true when latent i has not fired for the trainer's dead window; null for none
 * @param sparsityScale multiplier of the sparsity coefficient, ramped from 0 to 1 by the coefficient warm-up
 * @param k             latents a TopK-style model keeps this step, annealed down to its own k by the trainer;
 *                      0 for the model's own k
 * @param budget        the target L0 of a model whose thresholds follow a budget ({@link TrainingTraits#followsBudget}):
 *                      each sample's top ⌈budget⌉ pre-activations mark where each latent's threshold should split
 *                      the batch; 0 for none
 * @param budgetSelects whether that top-k also picks the latents the step trains (the first part of such a run),
 *                      rather than the model's thresholds
 */
public record StepContext(boolean[] dead, double sparsityScale, int k, double budget, boolean budgetSelects) {
    /** No dead latents known, full sparsity coefficient. */
    public static final StepContext PLAIN = new StepContext(null, 1.0);

    public StepContext(boolean[] dead, double sparsityScale) {
        this(dead, sparsityScale, 0, 0, false);
    }

    public StepContext(boolean[] dead, double sparsityScale, int k) {
        this(dead, sparsityScale, k, 0, false);
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
