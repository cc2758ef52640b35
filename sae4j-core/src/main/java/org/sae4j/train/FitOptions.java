package org.sae4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.optim.Adam;
import org.sae4j.optim.Optimizer;
import org.sae4j.tensor.NamedArrays;

/**
 * How to train: schedule, batching, normalisation, validation, listeners, checkpoints.
 *
 * @param optimizer       makes a fresh optimizer per fit, so one options object can be reused
 * @param validationSplit fraction of rows, taken from the end of the data before shuffling (as Keras does),
 *                        held out for validation
 * @param validationData  raw held-out data (Keras' validation_data), or null; excludes a validation split
 * @param seed            seed of the shuffling order (the initial weights come from the model's own seed)
 * @param normalization   fitted on the training rows and stored in the model, so encode/eval reuse it;
 *                        null keeps the model's current normaliser (to continue training a loaded model)
 * @param checkpoints     where the model is saved after every epoch and the whole training state at epoch ends and
 *                        every {@code checkpointEvery} steps (0: epoch ends only); null saves nothing
 * @param activeThreshold a code unit counts as active when |a| exceeds this; null picks by activation
 * @param sparsityTarget  an L0 or rho the sparsity coefficient is adapted to reach (see
 *                        {@link SparsityController}); null keeps the coefficient fixed
 * @param samples         when not null, the run's whole budget in rows instead of epochs x the pass length
 * @param resume          a saved training state ({@link TrainState}), to continue that run exactly; null starts afresh
 * @param runArgs         the command line of the run, kept in the state file so it can be resumed without it
 * @param engine          where each step's forward and backward pass runs ({@link LocalSteps}: this thread)
 * @param stopRequested   polled between steps: once true, the run saves the state of that moment and throws
 *                        {@link TrainingStopped} (Ctrl-C, SIGTERM); null never stops
 */
public record FitOptions(
        int epochs,
        int batchSize,
        Supplier<Optimizer> optimizer,
        double validationSplit,
        Dataset validationData,
        boolean shuffle,
        long seed,
        Normalizer.Kind normalization,
        List<TrainingListener> listeners,
        CheckpointSink checkpoints,
        Double activeThreshold,
        TrainingSchedule schedule,
        SparsityTarget sparsityTarget,
        Long samples,
        long checkpointEvery,
        NamedArrays resume,
        String runArgs,
        StepEngine engine,
        BooleanSupplier stopRequested) {

    public FitOptions {
        if (epochs <= 0) {
            throw new InvalidInputException("Epochs is " + epochs + "; expected a positive number.");
        }
        if (batchSize <= 0) {
            throw new InvalidInputException("Batch size is " + batchSize + "; expected a positive number.");
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new InvalidInputException("Validation split is " + validationSplit + "; expected a fraction in [0, 1).");
        }
        if (validationData != null && validationSplit > 0) {
            throw new InvalidInputException("Give either validation data or a validation split, not both (the split is "
                    + validationSplit + ").");
        }
        if (activeThreshold != null && !(activeThreshold >= 0)) {
            throw new InvalidInputException("Active threshold is " + activeThreshold + "; expected a number >= 0.");
        }
        if (samples != null && samples <= 0) {
            throw new InvalidInputException("Samples is " + samples + "; expected a positive number.");
        }
        if (checkpointEvery < 0) {
            throw new InvalidInputException("Checkpoint interval is " + checkpointEvery + " steps; expected 0 or more.");
        }
        listeners = List.copyOf(listeners);
        engine = engine == null ? LocalSteps.INSTANCE : engine;
        stopRequested = stopRequested == null ? () -> false : stopRequested;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** These options aiming at {@code target} instead. */
    FitOptions withTarget(SparsityTarget target) {
        return new FitOptions(epochs, batchSize, optimizer, validationSplit, validationData, shuffle, seed, normalization,
                listeners, checkpoints, activeThreshold, schedule, target, samples, checkpointEvery, resume, runArgs, engine,
                stopRequested);
    }

    /** These options starting afresh rather than from a saved state. */
    FitOptions withResume(NamedArrays state) {
        return new FitOptions(epochs, batchSize, optimizer, validationSplit, validationData, shuffle, seed, normalization,
                listeners, checkpoints, activeThreshold, schedule, sparsityTarget, samples, checkpointEvery, state, runArgs,
                engine, stopRequested);
    }

    /** A {@link CoefficientSearch}'s run of these options at {@code target}: no listeners, nothing saved. */
    FitOptions forSearch(SparsityTarget target) {
        return new FitOptions(epochs, batchSize, optimizer, validationSplit, validationData, shuffle, seed, normalization,
                List.of(), null, activeThreshold, schedule, target, samples, checkpointEvery, resume, runArgs, engine,
                stopRequested);
    }

    /** Defaults: 10 epochs, batch 256, Adam(1e-3), no validation, shuffled, seed 42, no normalisation. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 256;
        private Supplier<Optimizer> optimizer = Adam::new;
        private double validationSplit;
        private Dataset validationData;
        private boolean shuffle = true;
        private long seed = 42;
        private Normalizer.Kind normalization = Normalizer.Kind.NONE;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private CheckpointSink checkpoints;
        private Double activeThreshold;
        private TrainingSchedule schedule = TrainingSchedule.AUTO;
        private SparsityTarget sparsityTarget;
        private Long samples;
        private long checkpointEvery;
        private NamedArrays resume;
        private String runArgs = "";
        private StepEngine engine = LocalSteps.INSTANCE;
        private BooleanSupplier stopRequested;

        public Builder stopRequested(BooleanSupplier stopRequested) {
            this.stopRequested = stopRequested;
            return this;
        }

        public Builder engine(StepEngine engine) {
            this.engine = engine;
            return this;
        }

        public Builder samples(Long samples) {
            this.samples = samples;
            return this;
        }

        public Builder checkpointEvery(long steps) {
            this.checkpointEvery = steps;
            return this;
        }

        public Builder resume(NamedArrays resume) {
            this.resume = resume;
            return this;
        }

        public Builder runArgs(String runArgs) {
            this.runArgs = runArgs;
            return this;
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder optimizer(Supplier<Optimizer> optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder validationSplit(double validationSplit) {
            this.validationSplit = validationSplit;
            return this;
        }

        public Builder validationData(Dataset validationData) {
            this.validationData = validationData;
            return this;
        }

        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder normalization(Normalizer.Kind normalization) {
            this.normalization = normalization;
            return this;
        }

        public Builder listener(TrainingListener listener) {
            this.listeners.add(listener);
            return this;
        }

        public Builder checkpoints(CheckpointSink checkpoints) {
            this.checkpoints = checkpoints;
            return this;
        }

        public Builder activeThreshold(Double activeThreshold) {
            this.activeThreshold = activeThreshold;
            return this;
        }

        public Builder schedule(TrainingSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /** The target set so far, or null: what a caller prints before the run. */
        public SparsityTarget sparsityTarget() {
            return sparsityTarget;
        }

        public Builder sparsityTarget(SparsityTarget sparsityTarget) {
            this.sparsityTarget = sparsityTarget;
            return this;
        }

        public FitOptions build() {
            return new FitOptions(epochs, batchSize, optimizer, validationSplit, validationData, shuffle, seed, normalization,
                    listeners, checkpoints, activeThreshold, schedule, sparsityTarget, samples, checkpointEvery, resume,
                    runArgs, engine, stopRequested);
        }
    }
}
