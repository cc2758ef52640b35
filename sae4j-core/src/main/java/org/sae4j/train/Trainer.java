package org.sae4j.train;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.sae4j.InvalidInputException;
import org.sae4j.data.BatchSource;
import org.sae4j.data.Dataset;
import org.sae4j.data.StreamingData;
import org.sae4j.model.History;
import org.sae4j.model.Model;
import org.sae4j.model.Preparation;
import org.sae4j.tensor.NamedArrays;

/**
 * The one mini-batch training loop, for every {@link Model}: the deep autoencoders and every SAE architecture
 * train, checkpoint and report through this code. This class prepares the data ({@link FitData}), the model's
 * start ({@link Model#prepare}) and the plan of steps; {@link TrainRun} runs them, each step through the
 * {@link StepEngine} of the options.
 */
public final class Trainer {
    /** Rows reported as one epoch of an endless stream. */
    static final long STREAM_EPOCH_ROWS = 1_000_000;
    /** Rows a jumprelu's ε and θ are calibrated on: enough for a 1-in-1000 quantile, small beside any batch of work. */
    static final int CALIBRATION_ROWS = 4096;
    /** Rows each run of a coefficient search is measured on at most (memory checks count a copy of them). */
    public static final int SEARCH_MEASURED_ROWS = CoefficientSearch.MEASURED_ROWS;

    private final FitOptions options;
    private double dataWaitSeconds;

    public Trainer(FitOptions options) {
        this.options = options;
    }

    /** Trains {@code model} on raw {@code data}; see {@link FitOptions} for the normalisation and schedule. */
    public static History fit(Model model, Dataset data, FitOptions options) {
        return new Trainer(options).fit(model, data);
    }

    public History fit(Model model, Dataset raw) {
        int before = trainedBefore(model);
        try (FitData data = FitData.of(raw, options, List.of(model), before)) {
            return run(model, data, before);
        }
    }

    /** Trains on data streamed from disk or a generator; the normaliser is fitted on the data's sample. */
    public History fit(Model model, StreamingData streamed) {
        try (FitData data = FitData.of(streamed, options, List.of(model))) {
            return run(model, data, trainedBefore(model));
        }
    }

    private int trainedBefore(Model model) {
        return options.resume() != null ? (int) options.resume().longs("run/position")[1] : model.history().epochs().size();
    }

    private History run(Model model, FitData data, int before) {
        FitOptions kept = options;
        if (CoefficientSearch.applies(model, options, before)) {
            kept = search(model, data, before);
        } else if (isSearch(options.resume())) {
            throw new InvalidInputException("The state to resume is a coefficient search's progress; resume it with the "
                    + "L0 target it searched for, on the model it was searching for.");
        }
        return run(model, data, before, kept);
    }

    /** The options of the run to keep, after a {@link CoefficientSearch} (begun afresh, or resumed from a checkpoint). */
    private FitOptions search(Model model, FitData data, int before) {
        FitOptions fresh = options.withResume(null);
        TrainPlan plan = plan(fresh, data.source());
        CoefficientSearch.Progress done = new CoefficientSearch.Progress(null, List.of());
        Consumer<String> notice = line -> options.listeners().forEach(l -> l.onNotice(line));
        if (options.resume() != null) {
            CoefficientSearch.Progress saved = CoefficientSearch.Progress.of(options.resume());
            long[] was = options.resume().longs("run/plan");
            if (was[0] == plan.epochRows() && was[1] == plan.batch() && was[2] == plan.totalRows()) {
                done = saved;
            } else {
                notice.accept("the run's data or length changed, so its coefficient search starts again");
            }
        }
        long[] start = data.source().cursor();
        Dataset measured = spread(data.validation() != null ? data.validation() : data.sample(),
                CoefficientSearch.MEASURED_ROWS);
        boolean[] failing = {false}; // a checkpoint that cannot be written is said once, as a run's is
        return CoefficientSearch.settle(model, fresh, done, trial -> {
            run(model, data, before, trial);
            data.source().restore(start);
            return measure(model, trial, measured);
        }, progress -> saveSearch(fresh, plan, progress, failing, notice), notice);
    }

    /**
     * The coefficient search of a fit ({@link CoefficientSearch}) around runs a trainer makes with its data elsewhere
     * (a cluster's driver): {@code run} trains {@code model} from where it is with the options it is given, and each
     * run is measured on {@code measured} (normalised rows: the held-out ones, or a sample of the training rows).
     * Returns the options of the run to keep, its target held; the model is back at its start. The search resumes from
     * {@code saved} (a state {@code save} was handed earlier, or null), and hands {@code save} its progress at the
     * start and after every run, as plain named arrays the caller stores where it resumes from.
     */
    public static FitOptions searchCoefficient(Model model, FitOptions options, Dataset measured, Consumer<FitOptions> run,
                                               Consumer<String> notice, NamedArrays saved,
                                               Predicate<NamedArrays> save) {
        Dataset rows = spread(measured, CoefficientSearch.MEASURED_ROWS);
        CoefficientSearch.Progress done = CoefficientSearch.Progress.in(saved) ? CoefficientSearch.Progress.of(saved)
                : new CoefficientSearch.Progress(null, List.of());
        return CoefficientSearch.settle(model, options, done, trial -> {
            run.accept(trial);
            return measure(model, trial, rows);
        }, progress -> save.test(progress.state()), notice);
    }

    /**
     * A finished run of a search, measured. A fixed run records the multiplier asked for, not exp(log(it)) read back:
     * the run kept is held at exactly that value, so it steps as its trial did.
     */
    private static CoefficientSearch.Trial measure(Model model, FitOptions trial, Dataset measured) {
        SparsityTarget t = trial.sparsityTarget();
        double multiplier = t.isHeld() ? t.held() : model.sparsityControl().multiplier();
        double threshold = trial.activeThreshold() != null ? trial.activeThreshold() : model.activeThreshold();
        return CoefficientSearch.measure(model, multiplier, measured, threshold);
    }

    /** A search's progress as a checkpoint that {@code --resume} reads as a run's: its arguments, plan and step 0. */
    private static boolean saveSearch(FitOptions o, TrainPlan plan, CoefficientSearch.Progress progress,
                                      boolean[] failing, Consumer<String> notice) {
        CheckpointSink sink = o.checkpoints();
        if (sink == null || !sink.keepsState()) {
            return false;
        }
        NamedArrays s = progress.state();
        s.put("run/args", o.runArgs());
        s.put("run/position", new long[] {0, 0, 0});
        s.put("run/plan", new long[] {plan.epochRows(), plan.batch(), plan.totalRows()});
        try {
            sink.saveState(s);
            failing[0] = false;
            return true;
        } catch (CheckpointSink.StateNotSaved e) {
            if (!failing[0]) {
                notice.accept(String.format("Warning: the coefficient search's checkpoint '%s' could not be written "
                        + "(%s); a stopped search would start again.", e.where(), e.reason()));
            }
            failing[0] = true;
            return false;
        }
    }

    private History run(Model model, FitData data, int before, FitOptions o) {
        TrainRun run = prepare(o, model, data, before);
        try {
            return run.run();
        } finally {
            dataWaitSeconds += run.waitedSeconds();
        }
    }

    /** The plan of steps that {@code options} give on {@code source}. */
    static TrainPlan plan(FitOptions options, BatchSource source) {
        return plan(options, source.epochRows() == BatchSource.ENDLESS ? STREAM_EPOCH_ROWS : source.epochRows());
    }

    /** The plan of steps that {@code options} give on passes of {@code epochRows} in-memory rows. */
    public static TrainPlan plan(FitOptions options, long epochRows) {
        long totalRows = options.samples() != null ? options.samples() : options.epochs() * epochRows;
        int batchSize = (int) Math.min(options.batchSize(), epochRows);
        return new TrainPlan(epochRows, batchSize, totalRows);
    }

    /** A run of {@code model} on {@code data}: its schedule resolved and, on a fresh model, its start prepared. */
    static TrainRun prepare(FitOptions options, Model model, FitData data, int before) {
        TrainPlan plan = plan(options, data.source());
        TrainingSchedule schedule = TrainingStep.schedule(options, model, plan);
        // A resumed run gets its b_dec and calibration back with the checkpoint; preparing here would be work thrown away.
        if (options.resume() == null) {
            prepareStart(model, options, plan, data.sample(), before == 0);
        }
        return new TrainRun(options, model, data.source(), data.validation(), plan, schedule, before, options.engine());
    }

    /**
     * A fresh model's start, as {@link #fit} takes it: b_dec at the centre of the normalised {@code sample}'s targets (for a
     * dictionary SAE that has not trained before) and the calibration on rows spread over it. Public for trainers
     * that hold their data elsewhere (a cluster's driver passes a sample of it).
     */
    public static void prepareStart(Model model, FitOptions options, TrainPlan plan, Dataset sample, boolean fresh) {
        TrainingSchedule schedule = TrainingStep.schedule(options, model, plan);
        float[] centre = fresh && model.traits().dictionary()
                ? DecoderBiasInit.of(schedule.decoderBiasInit(), targets(model, sample)) : null;
        model.prepare(new Preparation(centre, spread(sample, CALIBRATION_ROWS), firingTarget(options)));
    }

    /** What {@code model} reconstructs of training rows {@code sample}: the rows, or a transcoder's targets (b_dec's space). */
    private static Dataset targets(Model model, Dataset sample) {
        if (model.targetSize() == 0) {
            return sample;
        }
        return new Dataset(sample.name(), model.target(sample.values(), sample.rows()), sample.rows(), model.outputSize());
    }

    /** At most {@code n} rows spread evenly over {@code data} (its order may not be shuffled). */
    private static Dataset spread(Dataset data, int n) {
        if (data.rows() <= n) {
            return data;
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = (int) ((long) i * data.rows() / n);
        }
        return data.select(rows);
    }

    /** The L0 a run's sparsity target aims at, NaN without one (the model then uses its own setting). */
    private static double firingTarget(FitOptions options) {
        SparsityTarget t = options.sparsityTarget();
        return t != null && t.measure() == SparsityTarget.Measure.L0 ? t.value() : Double.NaN;
    }

    /** Whether fitting {@code model} as it is at {@code target} searches its coefficient ({@link CoefficientSearch}). */
    public static boolean searches(Model model, SparsityTarget target) {
        return CoefficientSearch.applies(model, FitOptions.builder().sparsityTarget(target).build(),
                model.history().epochs().size());
    }

    /** Whether a checkpoint holds a coefficient search's progress rather than a run's state. */
    public static boolean isSearch(NamedArrays state) {
        return CoefficientSearch.Progress.in(state);
    }

    /** Seconds the last fit's steps spent waiting for data to be read: near 0 when reading keeps up. */
    public double dataWaitSeconds() {
        return dataWaitSeconds;
    }

    /**
     * Mean reconstruction loss over a normalised dataset, without gradients, independent of the chunk size: the
     * validation figure of each epoch (public for trainers that report their epochs the same way).
     */
    public static double reconstructionLoss(Model model, Dataset data) {
        double sum = 0;
        for (Dataset.Chunk c : data.chunks(Model.INFERENCE_BATCH)) {
            sum += model.evaluate(c.values(), c.rows()).reconstruction() * c.rows();
        }
        return sum / data.rows();
    }
}
