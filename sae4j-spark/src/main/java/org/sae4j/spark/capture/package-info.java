/**
 * Distributed capture: text in a DataFrame becomes a language model's per-token activations on the executors, with
 * sae4j-lm's capture module doing exactly what {@code sae4j capture} does (its tokenizer, its windows, its encoder and
 * chunks), as DataFrame rows ({@link org.sae4j.spark.capture.ActivationCapture#capture}) or as an activation store
 * written by the partitions and completed once by the driver. Each executor JVM loads the model once
 * ({@link org.sae4j.spark.capture.Capturers}). Imports sae4j-lm's {@code lm}, {@code lm.capture} and {@code lm.text},
 * sae4j-core's {@code io}, {@code data.store} and root, and Spark SQL.
 */
package org.sae4j.spark.capture;
