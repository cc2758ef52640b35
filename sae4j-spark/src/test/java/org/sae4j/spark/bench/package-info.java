/** Benchmarks run by hand from the test classpath (numbers in BENCHMARKS.md), never as tests. */
package org.sae4j.spark.bench;
