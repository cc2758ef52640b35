package org.sae4j.train;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.sae4j.InvalidInputException;
import org.sae4j.data.BatchSource;
import org.sae4j.data.Dataset;
import org.sae4j.data.StreamingData;
import org.sae4j.model.BatchResult;
import org.sae4j.model.History;
import org.sae4j.model.Model;
import org.sae4j.model.Preparation;
import org.sae4j.tensor.NamedArrays;

/**
 * The one mini-batch training loop, for every {@link Model}: the deep autoencoders and every SAE architecture
 * train, checkpoint and report through this code. This class prepares the data ({@link FitData}), the model's
 * start ({@link Model#prepare}) and the plan of steps; {@link TrainRun} runs them, each step through the
 * {@link StepEngine} of the options. A fit whose L0 target is met by a coefficient first searches it
 * ({@link CoefficientSearch}) with runs of this trainer.
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
            kept = CoefficientSearch.inFit(model, options, data, trial -> run(model, data, before, trial));
        } else if (isSearch(options.resume())) {
            throw new InvalidInputException("The state to resume is a coefficient search's progress; resume it with the "
                    + "L0 target it searched for, on the model it was searching for.");
        }
        return run(model, data, before, kept);
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
        return CoefficientSearch.around(model, options, measured, run, notice, saved, save);
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
    static Dataset spread(Dataset data, int n) {
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
        return reconstructionLoss(model, data, null);
    }

    /**
     * The same, handing each chunk's result to {@code each} too when it is not null: the one loop over a dataset's
     * evaluation in training, so a figure read beside the loss (the search's L0) comes from the same pass.
     */
    static double reconstructionLoss(Model model, Dataset data, Consumer<BatchResult> each) {
        double sum = 0;
        for (Dataset.Chunk c : data.chunks(Model.INFERENCE_BATCH)) {
            BatchResult r = model.evaluate(c.values(), c.rows());
            sum += r.reconstruction() * c.rows();
            if (each != null) {
                each.accept(r);
            }
        }
        return sum / data.rows();
    }
}
