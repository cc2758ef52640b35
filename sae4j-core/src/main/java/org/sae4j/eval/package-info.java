/**
 * Measuring a model: every metric with its one definition ({@link org.sae4j.eval.Metrics},
 * {@link org.sae4j.eval.EvalReport}), density histograms, peak heap; {@code groundtruth} scores recovery of known
 * features and {@code probe} fits linear probes on latents. Imports {@code model}, {@code model.sae}, {@code data},
 * {@code tensor}, {@code nn}, {@code optim}.
 */
package org.sae4j.eval;
