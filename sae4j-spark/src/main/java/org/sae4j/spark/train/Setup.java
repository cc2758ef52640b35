package org.sae4j.spark.train;

import java.io.Serializable;
import org.sae4j.train.TrainPlan;

/**
 * What every round's tasks share, broadcast once per run: the prepared start model (its file bytes: architecture,
 * normaliser, calibration), the settings, the plan of the whole run, and each replica's share of the rows.
 *
 * @param model        the start model's file bytes (its weights are overwritten by each round's state)
 * @param settings     the training settings
 * @param epochRows    rows in one pass over all partitions
 * @param batch        rows per step over all replicas
 * @param totalRows    rows the run trains on in all
 * @param replicaOf    for each Spark partition, its replica (a non-empty partition), or -1
 * @param replicaRows  each replica's rows
 * @param replicaBatch each replica's rows per step: its share of the batch
 * @param failRound    a test's injected task failure: the first attempt of replica 0's task in this round fails
 *                     (-1: none), as a lost executor would
 */
record Setup(byte[] model, TrainSettings settings, long epochRows, int batch, long totalRows, int[] replicaOf,
             long[] replicaRows, int[] replicaBatch, long failRound) implements Serializable {

    /** The plan of the whole run: the steps, their epochs and the schedule, as one machine would take them. */
    TrainPlan plan() {
        return new TrainPlan(epochRows, batch, totalRows);
    }

    int replicas() {
        return replicaRows.length;
    }

    /**
     * Which of its rows replica {@code r} steps on at each step. One replica follows the run's plan itself (so it
     * takes exactly the batches {@code Trainer.fit} would); several each cycle through their own rows endlessly in
     * passes of their own, with their share of the batch.
     */
    TrainPlan localPlan(int r) {
        return replicas() == 1 ? plan() : new TrainPlan(replicaRows[r], replicaBatch[r], Long.MAX_VALUE);
    }

    /** The shuffling stream of replica {@code r}: one replica shuffles as {@code Trainer.fit} does. */
    String shufflePurpose(int r) {
        return replicas() == 1 ? "shuffle" : "shuffle replica " + r + " of " + replicas();
    }
}
