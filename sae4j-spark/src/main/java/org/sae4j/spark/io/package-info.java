/**
 * sae4j's files where Spark needs them: model and state files as bytes for a broadcast, whole files written
 * atomically on any Hadoop-compatible path, and an activation store read as a DataFrame ({@link
 * org.sae4j.spark.io.StoreFrame}). Imports sae4j-core's {@code io}, {@code data} and {@code data.store}, Spark SQL and
 * Hadoop's file system.
 */
package org.sae4j.spark.io;
