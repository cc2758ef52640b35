package org.sae4j.eval.probe;

/**
 * Probe accuracies on held-out rows: a logistic-regression probe on every latent and on the raw inputs, and
 * k-sparse probes on the k latents (or inputs) whose class means differ most.
 *
 * @param ks           the sparse probes' k, ascending
 * @param latentSparse latentSparse[i]: accuracy of the probe on the ks[i] top latents
 * @param rawSparse    rawSparse[i]: the same on the ks[i] top raw inputs
 * @param topLatents   the latents of the largest k, best first
 */
public record ProbeReport(int trainRows, int testRows, int classes, long seed, double latentAccuracy,
                          double rawAccuracy, int[] ks, double[] latentSparse, double[] rawSparse, int[] topLatents) {
}
