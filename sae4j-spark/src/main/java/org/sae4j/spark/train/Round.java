package org.sae4j.spark.train;

import java.io.Serializable;
import org.sae4j.tensor.NamedArrays;

/**
 * What one round broadcasts: the merged state every replica starts from, and where each one's data stands.
 *
 * @param number  the round, from 0
 * @param from    the first step of the round
 * @param to      the step after its last
 * @param state   the training state ({@code TrainingStep.state()}: model, optimizer, counters, controller)
 * @param cursors rows each replica has served so far
 * @param stats   the running sums of the epoch in progress ({@code RunningStats.state()}), or null at an epoch start
 */
record Round(long number, long from, long to, NamedArrays state, long[] cursors, double[] stats) implements Serializable {
}
