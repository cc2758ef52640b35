package org.sae4j.spark.train;

import org.sae4j.model.EpochStats;

/** Hears the driver after each round: for progress lines, and for tests that stop a run part-way as a kill would. */
@FunctionalInterface
public interface RoundListener {
    /**
     * Round {@code round} (from 1) ended at step {@code step} of {@code totalSteps}; {@code finished} is the epoch
     * it completed, or null.
     */
    void onRound(long round, long step, long totalSteps, EpochStats finished);
}
