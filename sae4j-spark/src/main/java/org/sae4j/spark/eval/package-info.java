/**
 * Distributed statistics of a model on rows: {@link org.sae4j.spark.eval.DistributedEval} (the {@code sae4j eval}
 * figures as sums per partition) and {@link org.sae4j.spark.eval.DistributedProfile} (the browser's per-latent
 * statistics per partition), each merged in {@link org.sae4j.spark.reduce.TreeReduce}'s fixed tree, so the result
 * does not depend on which task finished first. Imports sae4j-core's {@code eval}, {@code model} and {@code data},
 * and {@code org.sae4j.spark.io} and {@code .reduce}.
 */
package org.sae4j.spark.eval;
