package org.sae4j.model;

/**
 * What the trainer's schedule needs to know of a model, so that {@code train/} never asks which class it holds.
 *
 * @param dictionary             a wide dictionary-learning SAE: its schedule defaults (learning rate by width, b_dec
 *                               started at the data's centre, decoder-bias sample) differ from a deep autoencoder's
 * @param usesCoefficient        its sparsity comes from a penalty coefficient (λ, an L1 or KL weight) that a warm-up
 *                               can ramp and a sparsity target can steer; false when k sets the sparsity
 * @param resamplesDead          dead latents are revived by {@link Model#reinitialise} unless told otherwise (standard
 *                               SAEs; any dictionary model can be, when asked)
 * @param k                      latents kept per sample for the TopK family (what k-annealing starts above), 0 for none
 * @param followsBudget          under a target L0 its thresholds follow a top-k budget of the target
 *                               ({@link StepContext#budget}) instead of a coefficient's L0 term, and that top-k picks
 *                               its latents for the first part of the run (JumpReLU, gated; no coefficient is steered)
 */
public record TrainingTraits(boolean dictionary, boolean usesCoefficient, boolean resamplesDead, int k,
                             boolean followsBudget) {
    /** A deep feature-learning autoencoder whose penalty (if any) is a coefficient. */
    public static final TrainingTraits FEATURE_LEARNING = new TrainingTraits(false, true, false, 0, false);

    /** Whether k is the model's sparsity knob (the TopK family). */
    public boolean usesK() {
        return k > 0;
    }
}
