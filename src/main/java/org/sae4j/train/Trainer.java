package org.sae4j.train;

import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.io.ModelFile;
import org.sae4j.loss.ReconstructionLoss;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.BatchResult;
import org.sae4j.model.EpochStats;
import org.sae4j.model.History;
import org.sae4j.model.Model;
import org.sae4j.model.StepContext;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.nn.Parameter;
import org.sae4j.optim.Optimizer;
import org.sae4j.tensor.Rng;

/**
 * The one mini-batch training loop, for every {@link Model}: the deep autoencoders and every SAE architecture
 * train, checkpoint and report through this code. Per step: gather a shuffled batch, forward and backward,
 * optionally clip, let the model project its gradients, step the optimizer on the scheduled learning rate,
 * let the model renormalise, then update the dead-latent counters that the next step's AuxK reads.
 */
public final class Trainer {
    private final FitOptions options;

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

        int trainedBefore = model.history().epochs().size();
        int batchSize = Math.min(options.batchSize(), trainRows);
        int batches = (trainRows + batchSize - 1) / batchSize;
        long totalSteps = (long) batches * options.epochs();
        SparseAutoencoder sae = model instanceof SparseAutoencoder s ? s : null;
        TrainingSchedule schedule = options.schedule().resolve(sae != null,
                sae != null && sae.architecture().usesCoefficient(), sae != null && sae.architecture() == Architecture.STANDARD,
                totalSteps, trainRows, batchSize);
        if (sae != null && trainedBefore == 0) {
            sae.initDecoderBias(DecoderBiasInit.of(schedule.decoderBiasInit(), train));
        }
        return loop(model, sae, train, validation, schedule, trainedBefore, batchSize, batches, totalSteps);
    }

    private History loop(Model model, SparseAutoencoder sae, Dataset train, Dataset validation, TrainingSchedule schedule,
                         int trainedBefore, int batchSize, int batches, long totalSteps) {
        Optimizer optimizer = options.optimizer().get();
        int lastEpoch = trainedBefore + options.epochs();
        // A model trained before continues its epoch count, and its shuffling does not replay earlier epochs.
        Rng shuffleRng = Rng.forPurpose(options.seed(), trainedBefore == 0 ? "shuffle" : "shuffle after epoch " + trainedBefore);
        double threshold = options.activeThreshold() != null ? options.activeThreshold() : model.activeThreshold();
        int trainRows = train.rows();
        int cols = train.cols();
        int latents = model.latentSize();
        DeadLatents dead = new DeadLatents(latents, schedule.deadAfterSamples());
        DeadLatentResampler resampler = schedule.resampleDead() && sae != null ? new DeadLatentResampler(options.seed()) : null;
        long resampleEvery = Math.max(1, schedule.deadAfterSamples() / batchSize);
        List<EpochStats> history = new ArrayList<>();
        List<EpochStats> lifetime = new ArrayList<>(model.history().epochs());
        long step = 0;
        float[] x = new float[batchSize * cols];
        int[] fires = new int[latents];
        SparsityController control = SparsityController.start(options.sparsityTarget(), model, schedule);

        for (int epoch = trainedBefore + 1; epoch <= lastEpoch; epoch++) {
            final int e = epoch;
            options.listeners().forEach(l -> l.onEpochStart(e, lastEpoch, batches));
            int[] order = options.shuffle() ? shuffleRng.permutation(trainRows) : identity(trainRows);
            RunningStats stats = new RunningStats(epoch, latents);
            for (int b = 0; b < batches; b++, step++) {
                int from = b * batchSize;
                int n = Math.min(batchSize, trainRows - from);
                for (int i = 0; i < n; i++) {
                    System.arraycopy(train.values(), order[from + i] * cols, x, i * cols, cols);
                }
                StepContext context = new StepContext(dead.mask(),
                        schedule.sparsityScale(step) * SparsityController.multiplier(control));
                BatchResult r = model.forwardBackward(x, n, context);
                if (!Double.isFinite(r.total())) {
                    throw new InvalidInputException(String.format("Training diverged at epoch %d, batch %d (the loss is %s); "
                            + "lower the learning rate (%s) or the penalty weights.", epoch, b + 1, r.total(), optimizer.describe()));
                }
                clip(model.parameters(), schedule.clipGradNorm());
                model.beforeStep();
                optimizer.step(model.parameters(), schedule.lrScale(step, totalSteps));
                model.afterStep();
                java.util.Arrays.fill(fires, 0);
                long active = r.countActive(latents, threshold, fires);
                dead.update(fires, n);
                if (control != null) {
                    control.observe(step, r, n, active, latents);
                }
                if (resampler != null && (step + 1) % resampleEvery == 0 && step < totalSteps * 4 / 5) {
                    dead.revive(resampler.resample(sae, optimizer, dead.mask(), x, r.output(), n));
                }
                stats.add(r, x, n, cols, active, dead.fraction());
                EpochStats running = stats.snapshot(Double.NaN);
                int bi = b;
                options.listeners().forEach(l -> l.onBatchEnd(bi, running));
            }
            double validationLoss = validation == null ? Double.NaN : reconstructionLoss(model, validation);
            EpochStats done = stats.snapshot(validationLoss);
            history.add(done);
            lifetime.add(done);
            model.setHistory(new History(lifetime));
            if (control != null) {
                control.saveTo(model);
            }
            if (options.checkpoint() != null) {
                ModelFile.save(model, options.checkpoint());
            }
            options.listeners().forEach(l -> l.onEpochEnd(done));
        }
        return new History(history);
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
    private static double reconstructionLoss(Model model, Dataset data) {
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
    private static void requireLossDomain(Model model, Dataset train) {
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

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }
}
