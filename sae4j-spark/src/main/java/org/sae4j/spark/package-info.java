/**
 * sae4j as Spark ML stages (module sae4j-spark): {@link org.sae4j.spark.SparseAutoencoderEstimator} trains on a
 * DataFrame column, {@link org.sae4j.spark.SparseAutoencoderModel} appends latents on the executors and saves the sae4j
 * model file with Spark's metadata. Imports {@code org.sae4j.spark.train} and {@code .io} and any of sae4j-core; Spark
 * is provided by the cluster.
 */
package org.sae4j.spark;
