package org.sae4j.train;

/** Hooks into the training loop, for progress display, logging and early inspection. */
public interface TrainingListener {

    default void onEpochStart(int epoch, int epochs, int batches) {
    }

    /** Called after every optimizer step with the running figures of the epoch so far. */
    default void onBatchEnd(int batchIndex, EpochStats runningSoFar) {
    }

    default void onEpochEnd(EpochStats stats) {
    }
}
