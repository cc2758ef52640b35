/**
 * sae4j's files where Spark needs them: model and state files as bytes for a broadcast, and whole files written
 * atomically on any Hadoop-compatible path. Imports sae4j-core's {@code io} and Hadoop's file system only.
 */
package org.sae4j.spark.io;
