/**
 * Reductions whose result does not depend on which task finished first: {@link org.sae4j.spark.reduce.TreeReduce}
 * merges one partial per leaf (a replica, a partition) in a fixed binary tree, its lower levels on the executors.
 * Imports Spark only; the training, evaluation and browser packages bring what they merge.
 */
package org.sae4j.spark.reduce;
