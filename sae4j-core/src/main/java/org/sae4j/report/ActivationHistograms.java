package org.sae4j.report;

import java.util.Arrays;

/**
 * A histogram of every latent's firing activations (> 0), built in one streaming pass without knowing the
 * range in advance: latent i's bins split [0, range_i) evenly, and when a value reaches range_i the range
 * doubles and neighbouring bins merge pairwise. The final range is below twice the largest value seen, so at
 * least half the bins carry information, and memory is width × bins counts.
 */
public final class ActivationHistograms {
    private final int width;
    private final int bins;
    private final int[] counts;
    private final double[] range;
    private final float[] max;

    /** One latent's histogram: {@code counts[b]} activations lie in [b·range/bins, (b+1)·range/bins). */
    public record Histogram(int[] counts, double range, float max) {
        public double binWidth() {
            return range / counts.length;
        }

        public long total() {
            long t = 0;
            for (int c : counts) {
                t += c;
            }
            return t;
        }
    }

    /** {@code bins} must be even so that merging halves it exactly. */
    public ActivationHistograms(int width, int bins) {
        if (width <= 0 || bins <= 1 || bins % 2 != 0) {
            throw new IllegalArgumentException("width " + width + ", bins " + bins);
        }
        this.width = width;
        this.bins = bins;
        counts = new int[Math.multiplyExact(width, bins)];
        range = new double[width];
        max = new float[width];
    }

    public void add(int latent, float value) {
        if (!(value > 0) || !Float.isFinite(value)) {
            return;
        }
        double r = range[latent];
        if (r == 0) {
            r = value; // the first value sets the scale; the loop below doubles it past the value
        }
        int base = latent * bins;
        while (value >= r) {
            for (int b = 0; b < bins / 2; b++) {
                counts[base + b] = counts[base + 2 * b] + counts[base + 2 * b + 1];
            }
            Arrays.fill(counts, base + bins / 2, base + bins, 0);
            r *= 2;
        }
        range[latent] = r;
        max[latent] = Math.max(max[latent], value);
        counts[base + Math.min(bins - 1, (int) (value / r * bins))]++;
    }

    public int width() {
        return width;
    }

    public Histogram of(int latent) {
        return new Histogram(Arrays.copyOfRange(counts, latent * bins, (latent + 1) * bins), range[latent], max[latent]);
    }
}
