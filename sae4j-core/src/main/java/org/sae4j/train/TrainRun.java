package org.sae4j.train;

import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.data.BatchSource;
import org.sae4j.data.Dataset;
import org.sae4j.data.Prefetcher;
import org.sae4j.model.EpochStats;
import org.sae4j.model.History;
import org.sae4j.model.Model;
import org.sae4j.tensor.NamedArrays;

/**
 * One run of the training loop over a planned number of steps: each prefetched batch goes through the one
 * {@link TrainingStep}; around it the run keeps epochs, running statistics and checkpoints. At the start, at epoch
 * ends, every {@code checkpointEvery} steps and when asked to stop it captures its whole {@link TrainState}: that is
 * what a resumed run restores (so a run killed in its first minutes resumes too), and what a diverged step rolls
 * back to (at half the learning rate). The model is saved before the state of the same moment, so a state that
 * cannot be written (a full disk) never costs the model; such a failure is said in one line and the run goes on.
 */
final class TrainRun {
    static final int MAX_ROLLBACKS = 3;

    private final FitOptions options;
    private final Model model;
    private final BatchSource source;
    private final Dataset validation;
    private final TrainPlan plan;
    private final int trainedBefore;
    private final TrainingStep steps;
    private final List<EpochStats> finished = new ArrayList<>();
    private long step;
    private double lrFactor = 1;
    private int rollbacks;
    private long[] cursor;
    private RunningStats stats;
    private NamedArrays lastGood;
    private boolean announced;
    private double waitedSeconds;
    /** Whether {@link #cursor} is where the source stands after the last step (known only at some steps). */
    private boolean cursorCurrent;
    private boolean stateFailing;

    TrainRun(FitOptions options, Model model, BatchSource source, Dataset validation, TrainPlan plan,
             TrainingSchedule schedule, int trainedBefore, StepEngine engine) {
        this.options = options;
        this.model = model;
        this.source = source;
        this.validation = validation;
        this.plan = plan;
        this.trainedBefore = trainedBefore;
        this.steps = new TrainingStep(model, engine, options, schedule, plan);
    }

    History run() {
        begin();
        Prefetcher prefetch = prefetcher(source, plan, options, step);
        try {
            while (!done()) {
                if (cursorCurrent && options.stopRequested().getAsBoolean()) {
                    stopHere();
                }
                Prefetcher.Batch batch = prefetch.next();
                if (!step(batch)) {
                    waitedSeconds += prefetch.waitedSeconds();
                    prefetch.close(); // before the source is rewound under it
                    rollBack(steps.divergedLoss());
                    prefetch = prefetcher(source, plan, options, step);
                }
            }
        } finally {
            waitedSeconds += prefetch.waitedSeconds();
            prefetch.close();
        }
        return history();
    }

    /** Restores a resumed state (or notes the source's start) and keeps it as the state to roll back to. */
    void begin() {
        if (options.resume() != null) {
            restore(options.resume(), true);
            if (step >= plan.totalSteps()) {
                throw new InvalidInputException(String.format("The run already trained on all %,d samples it planned; give "
                        + "--epochs or --samples with --resume to extend it.", plan.totalRows()));
            }
        } else {
            cursor = source.cursor();
        }
        cursorCurrent = true;
        lastGood = capture();
        if (options.resume() == null) {
            saveState(lastGood); // a run stopped before its first epoch end resumes from here, not from nothing
        }
    }

    /** The next planned step on {@code batch}, with its epoch ends and checkpoints; false when it diverged. */
    boolean step(Prefetcher.Batch batch) {
        if (!announced) {
            startEpoch();
        }
        if (!trainOn(batch)) {
            return false;
        }
        cursor = batch.cursor() != null ? batch.cursor() : cursor;
        cursorCurrent = batch.cursor() != null;
        boolean endsEpoch = plan.endsEpoch(step);
        // A budget that ends inside a pass reports the part done, but its checkpoint keeps the pass open,
        // so that extending the run continues that pass as an unbroken run would have. That state is taken before
        // the epoch's end changes the model's history, and written after the model.
        boolean inside = endsEpoch && !plan.completesPass(step);
        step++;
        options.listeners().forEach(l -> l.onStep(step, plan.totalSteps(), batch.rows()));
        if (inside) {
            lastGood = null; // let the old copy go before the new one is made: two at once may not fit
            lastGood = capture();
        }
        if (endsEpoch) {
            endEpoch();
        }
        if (inside) {
            saveState(lastGood);
        } else if (endsEpoch || (options.checkpointEvery() > 0 && step % options.checkpointEvery() == 0)) {
            checkpoint();
        }
        return true;
    }

    boolean done() {
        return step >= plan.totalSteps();
    }

    /** The step a divergence happened at (1-based) and what diverged, for a run that cannot roll back. */
    String divergence() {
        double loss = steps.divergedLoss();
        return String.format("step %d: %s", step + 1, Double.isFinite(loss) ? "a gradient is not finite"
                : "the loss is " + loss);
    }

    History history() {
        return new History(finished);
    }

    /** Seconds the steps spent waiting for data (the prefetcher's first batch included). */
    double waitedSeconds() {
        return waitedSeconds;
    }

    /**
     * The batches from {@code from} on, with the source's cursor kept where a checkpoint may need it: at the planned
     * checkpoints, and at every batch read once a stop is requested (the run stops at the first of those, a few
     * prefetched steps later, so the state it saves continues exactly).
     */
    static Prefetcher prefetcher(BatchSource source, TrainPlan plan, FitOptions options, long from) {
        long every = options.checkpointEvery();
        return new Prefetcher(source, plan::rows, from, plan.totalSteps(),
                s -> plan.endsEpoch(s) || (every > 0 && (s + 1) % every == 0) || options.stopRequested().getAsBoolean(), 4);
    }

    private int epochNumber() {
        return trainedBefore + (int) plan.epochOf(step) + 1;
    }

    private void startEpoch() {
        if (stats == null) {
            stats = new RunningStats(epochNumber(), model.latentSize());
        }
        int epoch = epochNumber();
        int last = trainedBefore + (int) plan.epochOf(plan.totalSteps() - 1) + 1;
        int batches = plan.batchesIn(step);
        options.listeners().forEach(l -> l.onEpochStart(epoch, last, batches));
        announced = true;
    }

    /** One optimizer step on a batch; false (nothing updated, the loss kept) when the loss or a gradient is not finite. */
    private boolean trainOn(Prefetcher.Batch batch) {
        TrainingStep.Taken taken = steps.take(batch.x(), batch.rows(), step, lrFactor);
        if (taken == null) {
            return false;
        }
        // Explained variance is of what the model reconstructs: the input, or a transcoder's target, read in the row.
        stats.add(taken.result(), batch.x(), batch.rows(), model.rowSize(), model.outputSize(), taken.active(),
                steps.dead().fraction());
        EpochStats running = stats.snapshot(Double.NaN);
        int b = (int) plan.batchInEpoch(step);
        options.listeners().forEach(l -> l.onBatchEnd(b, running));
        return true;
    }

    /** Goes back to the last good state at half the learning rate, or stops with a sentence after a few tries. */
    private void rollBack(double loss) {
        String what = Double.isFinite(loss) ? "a gradient is not finite" : "the loss is " + loss;
        if (rollbacks == MAX_ROLLBACKS) {
            throw new InvalidInputException(String.format("Training diverged at epoch %d, batch %d (step %d: %s) even "
                    + "after halving the learning rate %d times; lower the learning rate (%s) or the penalty weights.",
                    epochNumber(), plan.batchInEpoch(step) + 1, step + 1, what, MAX_ROLLBACKS, steps.optimizer().describe()));
        }
        rollbacks++;
        long at = step + 1;
        restore(lastGood, false);
        lrFactor /= 2;
        String line = String.format("Step %d: %s; rolled back to step %d and halved the learning rate (now %s of the "
                + "planned rate).", at, what, step, lrFactor);
        options.listeners().forEach(l -> l.onNotice(line));
    }

    private void endEpoch() {
        double validationLoss = validation == null ? Double.NaN : Trainer.reconstructionLoss(model, validation);
        EpochStats done = stats.snapshot(validationLoss);
        finished.add(done);
        List<EpochStats> lifetime = new ArrayList<>(model.history().epochs());
        lifetime.add(done);
        model.setHistory(new History(lifetime));
        steps.saveControlTo(model);
        if (options.checkpoints() != null) {
            options.checkpoints().saveModel(model);
        }
        options.listeners().forEach(l -> l.onEpochEnd(done));
        stats = null;
        announced = false;
    }

    private void checkpoint() {
        lastGood = null; // let the old copy go before the new one is made: two at once may not fit
        lastGood = capture();
        saveState(lastGood);
    }

    /**
     * Writes {@code state} if the run keeps state; false when that failed, which is said in one line (once, until a
     * save succeeds again: a full disk would otherwise repeat it at every checkpoint).
     */
    private boolean saveState(NamedArrays state) {
        CheckpointSink sink = options.checkpoints();
        if (sink == null || !sink.keepsState()) {
            return false;
        }
        try {
            sink.saveState(state);
            stateFailing = false;
            return true;
        } catch (CheckpointSink.StateNotSaved e) {
            if (!stateFailing) {
                String line = String.format("Warning: the checkpoint '%s' could not be written at step %d (%s); the "
                        + "model file is still saved at every epoch end, and --resume continues from the last checkpoint "
                        + "written.", e.where(), step, e.reason());
                options.listeners().forEach(l -> l.onNotice(line));
            }
            stateFailing = true;
            return false;
        }
    }

    /** Saves the state of this moment (the cursor is current) and stops the run with {@link TrainingStopped}. */
    private void stopHere() {
        lastGood = null;
        lastGood = capture();
        boolean saved = saveState(lastGood);
        throw new TrainingStopped(step, plan.totalSteps(), saved, "Training stopped on request at step " + step + ".");
    }

    /** The step's state (model, optimizer, counters, controller) and the run's own position around it. */
    private NamedArrays capture() {
        NamedArrays s = steps.state();
        s.put("run/args", options.runArgs());
        s.put("run/position", new long[] {step, trainedBefore, rollbacks});
        s.put("run/plan", new long[] {plan.epochRows(), plan.batch(), plan.totalRows()});
        s.put("run/lr-factor", new double[] {lrFactor});
        s.put("run/cursor", cursor);
        if (stats != null) {
            s.put("run/stats", stats.state());
        }
        return s;
    }

    private void restore(NamedArrays s, boolean fromDisk) {
        long[] saved = s.longs("run/plan");
        if (saved[0] != plan.epochRows() || saved[1] != plan.batch()) {
            throw new InvalidInputException(String.format("The checkpoint was written for passes of %d rows in batches of %d, "
                    + "but the data and settings now give %d and %d; expected the data and batch size of that run.",
                    saved[0], saved[1], plan.epochRows(), plan.batch()));
        }
        steps.restore(s);
        long[] position = s.longs("run/position");
        step = position[0];
        if (fromDisk) {
            rollbacks = (int) position[2];
            lrFactor = s.doubles("run/lr-factor")[0];
        }
        cursor = s.longs("run/cursor");
        source.restore(cursor);
        cursorCurrent = true;
        stats = null;
        announced = false;
        if (s.has("run/stats")) {
            stats = new RunningStats(epochNumber(), model.latentSize());
            stats.restore(s.doubles("run/stats"));
        }
    }
}
