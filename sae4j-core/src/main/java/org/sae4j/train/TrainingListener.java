package org.sae4j.train;

import org.sae4j.model.EpochStats;
/** Hooks into the training loop, for progress display, logging and early inspection. */
public interface TrainingListener {

    /** {@code epoch} counts from the model's first training, so a continued model goes on from its last epoch. */
    default void onEpochStart(int epoch, int lastEpoch, int batches) {
    }

    /** Called after every optimizer step with the running figures of the epoch so far. */
    default void onBatchEnd(int batchIndex, EpochStats runningSoFar) {
    }

    default void onEpochEnd(EpochStats stats) {
    }

    /**
     * After every step: {@code stepsDone} of the run's {@code totalSteps} (counted from its start, a resumed run's
     * earlier steps included), this one on {@code rows} rows; for a pace and the time left.
     */
    default void onStep(long stepsDone, long totalSteps, int rows) {
    }

    /** One line worth telling the user, such as a rollback after the loss diverged. */
    default void onNotice(String line) {
    }
}
