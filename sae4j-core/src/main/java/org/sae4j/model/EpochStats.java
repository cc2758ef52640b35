package org.sae4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Per-epoch training figures (or the running figures of the epoch so far, for live progress).
 *
 * @param loss               mean total objective per batch (reconstruction + penalties)
 * @param reconstruction     mean reconstruction loss per value (MSE for dictionary-learning SAEs)
 * @param validation         reconstruction loss on the held-out rows, NaN without validation data
 * @param l0                 mean number of active latents per sample
 * @param meanActivation     mean latent activation over samples and latents
 * @param explainedVariance  1 − Σ‖x − x̂‖² / Σ‖x − mean‖², the mean taken per batch (a live estimate;
 *                           {@code eval} gives the exact figure over a whole dataset)
 * @param deadFraction       fraction of latents that have not fired within the trainer's dead window
 * @param samplesPerSecond   training throughput of the epoch
 */
public record EpochStats(int epoch, double loss, double reconstruction, double validation, double l0,
                         double meanActivation, double explainedVariance, double deadFraction,
                         double seconds, double samplesPerSecond) {
    /**
     * The one codec of a history: every figure under one name, in this order. Checkpoints store the numbers as
     * one row per epoch; the model file's JSON uses the names and leaves out {@link #TIMINGS} (they differ from run
     * to run, and the same seed must give the same file bytes).
     */
    public static final List<String> FIELDS = List.of("epoch", "loss", "reconstruction", "validation", "l0",
            "mean_activation", "explained_variance", "dead_fraction", "seconds", "samples_per_second");
    /** The figures that measure time rather than the model. */
    public static final Set<String> TIMINGS = Set.of("seconds", "samples_per_second");

    /** The figures in {@link #FIELDS} order. */
    public double[] toArray() {
        return new double[] {epoch, loss, reconstruction, validation, l0, meanActivation, explainedVariance,
            deadFraction, seconds, samplesPerSecond};
    }

    /** The figures of {@link #FIELDS} from {@code v}, starting at {@code from}. */
    public static EpochStats fromArray(double[] v, int from) {
        return new EpochStats((int) v[from], v[from + 1], v[from + 2], v[from + 3], v[from + 4], v[from + 5],
                v[from + 6], v[from + 7], v[from + 8], v[from + 9]);
    }

    /** A history as one row of {@link #FIELDS} per epoch. */
    public static double[] rows(History history) {
        List<EpochStats> epochs = history.epochs();
        double[] h = new double[epochs.size() * FIELDS.size()];
        for (int i = 0; i < epochs.size(); i++) {
            System.arraycopy(epochs.get(i).toArray(), 0, h, i * FIELDS.size(), FIELDS.size());
        }
        return h;
    }

    /** The history held in {@link #rows(History)}'s form. */
    public static History fromRows(double[] h) {
        List<EpochStats> epochs = new ArrayList<>();
        for (int i = 0; i + FIELDS.size() <= h.length; i += FIELDS.size()) {
            epochs.add(fromArray(h, i));
        }
        return new History(epochs);
    }
}
