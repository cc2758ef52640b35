package org.sae4j.model;

import org.sae4j.data.Dataset;

/**
 * What a fresh model takes from its training data before the first step, handed over by the trainer (which
 * chooses the policy: how the centre is computed, how many rows are sampled).
 *
 * @param centre   where an SAE's decoder bias starts (the data's geometric median, mean or zero); null to keep it
 *                 (a model trained before, or one that has no decoder bias)
 * @param sample   normalised training rows spread over the data, for what is calibrated on the data's scale
 *                 (JumpReLU's ε and θ)
 * @param targetL0 the L0 the run aims at (a sparsity target), or NaN to use the model's own setting
 */
public record Preparation(float[] centre, Dataset sample, double targetL0) {
}
