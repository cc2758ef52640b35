package org.sae4j.train;

import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.eval.ActiveUnits;
import org.sae4j.loss.ReconstructionLoss;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.BatchResult;
import org.sae4j.optim.Optimizer;
import org.sae4j.tensor.Rng;

/** The mini-batch training loop behind {@link Autoencoder#fit}. */
public final class Trainer {
    private final Autoencoder model;
    private final FitOptions options;

    public Trainer(Autoencoder model, FitOptions options) {
        this.model = model;
        this.options = options;
    }

    public History fit(Dataset raw) {
        int inputSize = model.config().inputSize();
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
        requireLossDomain(train);

        Optimizer optimizer = options.optimizer().get();
        // A model trained before continues its epoch count, and its shuffling does not replay earlier epochs.
        int trainedBefore = model.history().epochs().size();
        int lastEpoch = trainedBefore + options.epochs();
        Rng shuffleRng = Rng.forPurpose(options.seed(), trainedBefore == 0 ? "shuffle" : "shuffle after epoch " + trainedBefore);
        double threshold = options.activeThreshold() != null ? options.activeThreshold()
                : ActiveUnits.defaultThreshold(model.config().codeActivation());
        int batchSize = Math.min(options.batchSize(), trainRows);
        int batches = (trainRows + batchSize - 1) / batchSize;
        int cols = train.cols();
        int codeSize = model.config().codeSize();
        List<EpochStats> history = new ArrayList<>();
        List<EpochStats> lifetime = new ArrayList<>(model.history().epochs());

        for (int epoch = trainedBefore + 1; epoch <= lastEpoch; epoch++) {
            final int e = epoch;
            options.listeners().forEach(l -> l.onEpochStart(e, lastEpoch, batches));
            int[] order = options.shuffle() ? shuffleRng.permutation(trainRows) : identity(trainRows);
            long start = System.nanoTime();
            double lossSum = 0;
            double reconSum = 0;
            double activationSum = 0;
            long active = 0;
            long seen = 0;
            float[] x = new float[batchSize * cols];
            for (int b = 0; b < batches; b++) {
                int from = b * batchSize;
                int n = Math.min(batchSize, trainRows - from);
                for (int i = 0; i < n; i++) {
                    System.arraycopy(train.values(), order[from + i] * cols, x, i * cols, cols);
                }
                BatchResult r = model.forwardBackward(x, n);
                if (!Double.isFinite(r.total())) {
                    throw new InvalidInputException(String.format("Training diverged at epoch %d, batch %d (the loss is %s); "
                            + "lower the learning rate (%s) or the penalty weights.", epoch, b + 1, r.total(), optimizer.describe()));
                }
                optimizer.step(model.parameters());
                lossSum += r.total();
                reconSum += r.reconstruction();
                float[] code = r.code();
                for (int i = 0; i < n * codeSize; i++) {
                    activationSum += code[i];
                }
                active += ActiveUnits.count(code, 0, n * codeSize, threshold);
                seen += n;
                EpochStats running = stats(epoch, lossSum / (b + 1), reconSum / (b + 1), Double.NaN,
                        (double) active / seen, activationSum / ((double) seen * codeSize), start, seen);
                int bi = b;
                options.listeners().forEach(l -> l.onBatchEnd(bi, running));
            }
            double validationLoss = validation == null ? Double.NaN : reconstructionLoss(validation);
            EpochStats done = stats(epoch, lossSum / batches, reconSum / batches, validationLoss,
                    (double) active / seen, activationSum / ((double) seen * codeSize), start, seen);
            history.add(done);
            lifetime.add(done);
            model.setHistory(new History(lifetime));
            if (options.checkpoint() != null) {
                model.save(options.checkpoint());
            }
            options.listeners().forEach(l -> l.onEpochEnd(done));
        }
        return new History(history);
    }

    /** Mean reconstruction loss over a normalised dataset, without gradients. */
    private double reconstructionLoss(Dataset data) {
        int chunk = 1024;
        double sum = 0;
        for (int from = 0; from < data.rows(); from += chunk) {
            int n = Math.min(chunk, data.rows() - from);
            float[] x = java.util.Arrays.copyOfRange(data.values(), from * data.cols(), (from + n) * data.cols());
            sum += model.evaluate(x, n).reconstruction() * n;
        }
        return sum / data.rows();
    }

    /** Cross-entropy is only defined for targets in [0, 1]; say so before training rather than report NaN later. */
    private void requireLossDomain(Dataset train) {
        if (model.config().loss() != ReconstructionLoss.BINARY_CROSS_ENTROPY) {
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

    private static EpochStats stats(int epoch, double loss, double recon, double val, double l0, double meanAct,
                                    long startNanos, long samples) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new EpochStats(epoch, loss, recon, val, l0, meanAct, seconds, samples / Math.max(seconds, 1e-9));
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }
}
