package org.sae4j.eval.groundtruth;

/**
 * How well a learned dictionary recovers known features; see {@link GroundTruthMetrics} for each definition.
 * {@code threshold} is the cosine at which a latent counts as detecting a feature for precision and recall.
 */
public record GroundTruthReport(double mmcs, double mcc, double uniqueness, double precision, double recall,
                                double f1, double threshold, int trueFeatures, int latents, int aliveLatents) {
}
