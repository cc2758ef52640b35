package org.sae4j.spark.train;

import java.io.Serializable;
import java.util.List;
import org.sae4j.tensor.NamedArrays;

/**
 * What one partition's task returns from a round: its state after the round's steps, and what the driver needs to
 * merge it (rows trained, the data cursor, each epoch's running sums), or the sentence of why it stopped.
 *
 * @param replica  the replica (a non-empty partition, in partition order)
 * @param rows     rows it trained on in this round: its weight in the average
 * @param state    its {@code TrainingStep.state()} after the round
 * @param cursor   rows it has served in all
 * @param segments the {@code RunningStats} sums of each epoch the round touched, in order (the first continues the
 *                 round's running sums)
 * @param error    null, or why the round could not finish (a step that diverged)
 */
record Replica(int replica, long rows, NamedArrays state, long cursor, List<double[]> segments, String error)
        implements Serializable {
}
