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
    private String search;

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

    /**
     * Where in a {@link CoefficientSearch} the run stopped ("run 3 of the coefficient search"), or null outside one: its
     * checkpoint then holds the runs finished before this one, which starts again on resume.
     */
    public String search() {
        return search;
    }

    /** The same stop, in the search's run {@code where}; {@code saved}: whether the search's own state is on disk. */
    TrainingStopped inSearch(String where, boolean searchSaved) {
        TrainingStopped e = new TrainingStopped(step, totalSteps, searchSaved, getMessage());
        e.search = where;
        return e;
    }
}
