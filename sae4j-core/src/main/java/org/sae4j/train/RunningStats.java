package org.sae4j.train;

import java.util.function.LongSupplier;
import org.sae4j.eval.ExplainedVariance;
import org.sae4j.model.BatchResult;
import org.sae4j.model.EpochStats;
import org.sae4j.tensor.TotalVariance;

/**
 * The running figures of one epoch, for the live progress line and the epoch's entry in the history. Public for a
 * trainer whose replicas each add their own steps ({@link #merge}).
 */
public final class RunningStats {
    private final int epoch;
    private final int latents;
    private final LongSupplier clock;
    private final long start;
    private double loss;
    private double reconstruction;
    private double activationSum;
    private double explainedVariance;
    private double deadFraction;
    private long active;
    private long seen;
    /** Rows this object saw itself: a restored epoch's earlier rows were trained in another process, in other time. */
    private long seenHere;
    private int batches;

    public RunningStats(int epoch, int latents) {
        this(epoch, latents, System::nanoTime);
    }

    /** With the clock it times the epoch by, in nanoseconds. */
    RunningStats(int epoch, int latents, LongSupplier clock) {
        this.epoch = epoch;
        this.latents = latents;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /**
     * Adds one batch: its result and the {@code n} training rows of {@code rowSize} values it was taken on, whose last
     * {@code cols} values are what the reconstruction is compared with (the row itself for an autoencoder, y of a
     * transcoder's [x | y]; see {@code Model.rowSize}), read in place.
     */
    public void add(BatchResult r, float[] rows, int n, int rowSize, int cols, long activeInBatch, double deadNow) {
        loss += r.total();
        reconstruction += r.reconstruction();
        activationSum += r.activationSum();
        explainedVariance += batchExplainedVariance(rows, rowSize, cols, r.output(), n);
        active += activeInBatch;
        seen += n;
        seenHere += n;
        batches++;
        deadFraction = deadNow;
    }

    /**
     * {@link ExplainedVariance#of} over one batch, about the batch's per-dimension mean ({@link TotalVariance}), of
     * the reconstruction {@code out} [n, cols] against the last {@code cols} values of each row of {@code rowSize}.
     */
    static double batchExplainedVariance(float[] rows, int rowSize, int cols, float[] out, int n) {
        int from = rowSize - cols;
        double sse = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < cols; c++) {
                double e = (double) out[r * cols + c] - rows[r * rowSize + from + c];
                sse += e * e;
            }
        }
        return ExplainedVariance.of(sse, TotalVariance.of(rows, n, cols, rowSize, from));
    }

    public EpochStats snapshot(double validation) {
        double seconds = (clock.getAsLong() - start) / 1e9;
        // The rate is of this process's rows in this process's time: after a resume the epoch's earlier rows count in
        // the figures but were trained before this clock started.
        return new EpochStats(epoch, loss / batches, reconstruction / batches, validation, (double) active / seen,
                activationSum / ((double) seen * latents), explainedVariance / batches, deadFraction, seconds,
                seenHere / Math.max(seconds, 1e-9));
    }

    /** The sums so far (not the wall-clock start), so a resumed epoch reports what an unbroken one would. */
    public double[] state() {
        return new double[] {loss, reconstruction, activationSum, explainedVariance, deadFraction, active, seen, batches};
    }

    public void restore(double[] s) {
        loss = s[0];
        reconstruction = s[1];
        activationSum = s[2];
        explainedVariance = s[3];
        deadFraction = s[4];
        active = (long) s[5];
        seen = (long) s[6];
        batches = (int) s[7];
    }

    /**
     * The sums of replicas that each continued from {@code base} (a {@link #state()}; all zeros for a fresh epoch)
     * on their own rows: base plus what each added, and the dead fraction as their mean. One replica's state is
     * returned as it is, so a single replica reports exactly what an unbroken run would.
     */
    public static double[] merge(double[] base, java.util.List<double[]> replicas) {
        if (replicas.size() == 1) {
            return replicas.get(0).clone();
        }
        double[] merged = base.clone();
        double dead = 0;
        for (double[] r : replicas) {
            for (int i = 0; i < merged.length; i++) {
                merged[i] += r[i] - base[i];
            }
            dead += r[4];
        }
        merged[4] = dead / replicas.size();
        return merged;
    }
}
