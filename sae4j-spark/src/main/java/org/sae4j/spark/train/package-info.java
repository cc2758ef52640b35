/**
 * Data-parallel training on Spark's own primitives: {@link org.sae4j.spark.train.DistributedTrainer} runs rounds of
 * periodic model averaging (broadcast state, {@code syncEvery} steps of core's {@code TrainingStep} per partition,
 * a deterministic tree reduction of {@link org.sae4j.spark.train.RoundSum}s), with checkpoints to any Hadoop path. Everything that
 * crosses the network is plain values ({@code NamedArrays}, model-file bytes, {@link
 * org.sae4j.spark.train.TrainSettings}). Imports sae4j-core's {@code train}, {@code model}, {@code data} and
 * {@code tensor}, and {@code org.sae4j.spark.io}; not the ML stages above it.
 */
package org.sae4j.spark.train;
