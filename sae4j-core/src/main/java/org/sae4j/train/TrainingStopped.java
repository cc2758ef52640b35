package org.sae4j.train;

/**
 * A run that stopped on request ({@link FitOptions#stopRequested}) at a step boundary, before its plan ended:
 * thrown by the trainer once the state of that moment is saved (or could not be), so a caller can say how to
 * continue. Nothing is half-written: the state is saved as every checkpoint is, atomically.
 */
public final class TrainingStopped extends RuntimeException {
    private final long step;
    private final long totalSteps;
    private final boolean saved;

    TrainingStopped(long step, long totalSteps, boolean saved, String why) {
        super(why);
        this.step = step;
        this.totalSteps = totalSteps;
        this.saved = saved;
    }

    /** Steps done when it stopped (the saved state continues from here). */
    public long step() {
        return step;
    }

    public long totalSteps() {
        return totalSteps;
    }

    /** Whether the state of the moment was saved: false without a sink that keeps state, or when the save failed. */
    public boolean saved() {
        return saved;
    }
}
