package org.sae4j.train;

import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.data.BatchSource;
import org.sae4j.data.Dataset;
import org.sae4j.data.InMemorySource;
import org.sae4j.data.NormalizedSource;
import org.sae4j.data.StreamingData;
import org.sae4j.data.Normalizer;
import org.sae4j.loss.ReconstructionLoss;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.History;
import org.sae4j.model.Model;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.JumpReluSae;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.nn.Parameter;

/**
 * The one mini-batch training loop, for every {@link Model}: the deep autoencoders and every SAE architecture
 * train, checkpoint and report through this code. This class prepares the data (normaliser, validation rows,
 * decoder-bias start) and the plan of steps; {@link TrainRun} runs them.
 */
public final class Trainer {
    /** Rows reported as one epoch of an endless stream. */
    static final long STREAM_EPOCH_ROWS = 1_000_000;
    /** Rows a jumprelu's ε and θ are calibrated on: enough for a 1-in-1000 quantile, small beside any batch of work. */
    static final int CALIBRATION_ROWS = 4096;

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
        int inputSize = model.inputSize();
        raw.requireFinite().requireCols(inputSize, "the model");
        int valRows = (int) Math.floor(raw.rows() * options.validationSplit());
        int trainRows = raw.rows() - valRows;
        if (trainRows == 0) {
            throw new InvalidInputException("Data '" + raw.name() + "' has " + raw.rows()
                    + " rows, which leaves none for training after the validation split of " + options.validationSplit() + ".");
        }
        Dataset train = raw.slice(0, trainRows);
        if (options.normalization() != null) {
            model.setNormalizer(Normalizer.fit(options.normalization(), train));
        }
        train = model.normalizer().apply(train);
        Dataset heldOut = options.validationData() != null
                ? options.validationData().requireFinite().requireCols(inputSize, "the model")
                : valRows > 0 ? raw.slice(trainRows, raw.rows()) : null;
        Dataset validation = heldOut == null ? null : model.normalizer().apply(heldOut);
        requireLossDomain(model, train);
        int before = trainedBefore(model);
        // A model trained before continues its epoch count, and its shuffling does not replay earlier epochs.
        BatchSource source = new InMemorySource(train, options.shuffle(), options.seed(),
                before == 0 ? "shuffle" : "shuffle after epoch " + before);
        return run(model, source, validation, train, before);
    }

    /** Trains on data streamed from disk or a generator; the normaliser is fitted on the data's sample. */
    public History fit(Model model, StreamingData data) {
        BatchSource raw = data.train();
        if (raw.cols() != model.inputSize()) {
            throw new InvalidInputException(String.format("Data '%s' has %d features per sample but the model expects %d.",
                    raw.name(), raw.cols(), model.inputSize()));
        }
        if (options.normalization() != null) {
            model.setNormalizer(Normalizer.fit(options.normalization(), data.sample()));
        }
        Dataset sample = model.normalizer().apply(data.sample());
        requireLossDomain(model, sample);
        Dataset validation = options.validationData() != null
                ? options.validationData().requireFinite().requireCols(model.inputSize(), "the model") : data.validation();
        validation = validation == null ? null : model.normalizer().apply(validation);
        try (BatchSource source = new NormalizedSource(raw, model.normalizer())) {
            return run(model, source, validation, sample, trainedBefore(model));
        }
    }

    private int trainedBefore(Model model) {
        return options.resume() != null ? (int) options.resume().longs("run/position")[1] : model.history().epochs().size();
    }

    private History run(Model model, BatchSource source, Dataset validation, Dataset biasSample, int before) {
        TrainRun run = prepare(options, model, source, validation, biasSample, before);
        try {
            return run.run();
        } finally {
            dataWaitSeconds = run.waitedSeconds();
        }
    }

    /** The plan of steps that {@code options} give on {@code source}. */
    static TrainPlan plan(FitOptions options, BatchSource source) {
        long epochRows = source.epochRows() == BatchSource.ENDLESS ? STREAM_EPOCH_ROWS : source.epochRows();
        long totalRows = options.samples() != null ? options.samples() : options.epochs() * epochRows;
        int batchSize = (int) Math.min(options.batchSize(), epochRows);
        return new TrainPlan(epochRows, batchSize, totalRows);
    }

    /** A run of {@code model} on {@code source}: its schedule resolved and, on a fresh SAE, its decoder bias set. */
    static TrainRun prepare(FitOptions options, Model model, BatchSource source, Dataset validation, Dataset biasSample,
                            int before) {
        TrainPlan plan = plan(options, source);
        SparseAutoencoder sae = model instanceof SparseAutoencoder s ? s : null;
        TrainingSchedule schedule = options.schedule().resolve(sae != null,
                sae != null && sae.architecture().usesCoefficient(), sae != null && sae.architecture() == Architecture.STANDARD,
                plan.totalSteps(), plan.epochRows(), plan.batch());
        if (sae != null && before == 0 && options.resume() == null) {
            sae.initDecoderBias(DecoderBiasInit.of(schedule.decoderBiasInit(), biasSample));
        }
        // A resumed run gets its ε back with the checkpoint; calibrating here would be work thrown away.
        if (sae instanceof JumpReluSae j && !j.calibrated() && options.resume() == null) {
            Dataset s = spread(biasSample, CALIBRATION_ROWS);
            j.calibrate(s.values(), s.rows(), firingTarget(options, j) / j.latentSize());
        }
        return new TrainRun(options, model, source, validation, plan, schedule, before);
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

    /** The L0 a jumprelu fit aims at (the controller's or the quadratic term's), NaN for a plain λ. */
    private static double firingTarget(FitOptions options, JumpReluSae j) {
        SparsityTarget t = options.sparsityTarget();
        return t != null && t.measure() == SparsityTarget.Measure.L0 ? t.value() : j.config().targetL0();
    }

    /** Seconds the last fit's steps spent waiting for data to be read: near 0 when reading keeps up. */
    public double dataWaitSeconds() {
        return dataWaitSeconds;
    }

    /** Rescales every gradient when their global L2 norm exceeds {@code maxNorm} (0: never). */
    static void clip(List<Parameter> parameters, double maxNorm) {
        if (maxNorm <= 0) {
            return;
        }
        double sq = 0;
        for (Parameter p : parameters) {
            for (float g : p.grad()) {
                sq += (double) g * g;
            }
        }
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            float s = (float) (maxNorm / norm);
            for (Parameter p : parameters) {
                float[] g = p.grad();
                for (int i = 0; i < g.length; i++) {
                    g[i] *= s;
                }
            }
        }
    }

    /** Mean reconstruction loss over a normalised dataset, without gradients, independent of the chunk size. */
    static double reconstructionLoss(Model model, Dataset data) {
        int chunk = Model.INFERENCE_BATCH;
        double sum = 0;
        for (int from = 0; from < data.rows(); from += chunk) {
            int n = Math.min(chunk, data.rows() - from);
            float[] x = java.util.Arrays.copyOfRange(data.values(), from * data.cols(), (from + n) * data.cols());
            sum += model.evaluate(x, n).reconstruction() * n;
        }
        return sum / data.rows();
    }

    /** Cross-entropy is only defined for targets in [0, 1]; say so before training rather than report NaN later. */
    static void requireLossDomain(Model model, Dataset train) {
        if (!(model instanceof Autoencoder ae) || ae.config().loss() != ReconstructionLoss.BINARY_CROSS_ENTROPY) {
            return;
        }
        float[] v = train.values();
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0f || v[i] > 1f) {
                throw new InvalidInputException(String.format("Binary cross-entropy needs values in [0, 1] but data '%s' "
                        + "holds %s at row %d, column %d after normalisation; use min-max scaling or the mse loss.",
                        train.name(), v[i], i / train.cols() + 1, i % train.cols() + 1));
            }
        }
    }
}
