package org.sae4j.eval.latents;

import java.util.Arrays;
import org.sae4j.eval.SparsityMetrics;
import org.sae4j.tensor.SparseCode;

/**
 * The numbers of {@link LatentProfiler} that add up exactly across separate passes (a cluster's partitions, each a
 * range of rows): every latent's firing count (through {@link SparsityMetrics}), sum and maximum when firing, its
 * first firing value, its top activations with their rows ({@link TopActivations}), and its histogram. Partials
 * {@link #merge}, the left one holding the earlier rows; counts, maxima and top entries come out exactly as one pass
 * over all the rows gives them, sums up to the order of the additions.
 *
 * <p>The histogram takes a second pass. The profiler's range for a latent starts at its first firing value and
 * doubles until it exceeds every value, so it ends at the smallest first·2^k above the maximum ({@link #ranges});
 * with that range known in advance, counting each value into bin ⌊v / range · bins⌋ gives the profiler's counts
 * exactly, because halving a histogram adds bins pairwise and scaling by a power of two commutes with rounding.
 */
public final class LatentTotals implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int width;
    private final int bins;
    private final SparsityMetrics sparsity;
    private final double[] sums;
    private final float[] max;
    private final float[] first;
    private final long[] firstRow;
    private final TopActivations top;
    private final double[] ranges;
    private final long[] counts;

    /**
     * Totals of {@code width} latents keeping {@code top} examples each; with {@code ranges} (from a first pass)
     * also {@code bins}-bin histograms, else none.
     */
    public LatentTotals(int width, int top, int bins, double[] ranges) {
        this.width = width;
        this.bins = bins;
        this.sparsity = new SparsityMetrics(width);
        this.sums = new double[width];
        this.max = new float[width];
        this.first = new float[width];
        this.firstRow = new long[width];
        Arrays.fill(firstRow, Long.MAX_VALUE);
        this.top = new TopActivations(width, top);
        this.ranges = ranges == null ? null : ranges.clone();
        this.counts = ranges == null ? null : new long[Math.multiplyExact(width, bins)];
    }

    /** Adds a chunk of codes whose first row is {@code from}; rows ascend within one partial. */
    public void add(SparseCode code, long from) {
        if (code.width() != width) {
            throw new IllegalArgumentException("codes of width " + code.width() + ", expected " + width);
        }
        sparsity.addCsr(code.rowStart(), code.index(), code.value(), code.rows());
        int[] start = code.rowStart();
        for (int r = 0; r < code.rows(); r++) {
            for (int e = start[r]; e < start[r + 1]; e++) {
                float v = code.value()[e];
                if (v > 0 && v < Float.POSITIVE_INFINITY) {
                    offer(code.index()[e], from + r, v);
                }
            }
        }
    }

    private void offer(int latent, long row, float v) {
        sums[latent] += v;
        if (v > max[latent]) {
            max[latent] = v;
        }
        if (row < firstRow[latent]) {
            firstRow[latent] = row;
            first[latent] = v;
        }
        top.offer(latent, row, v);
        if (counts != null) {
            counts[latent * bins + Math.min(bins - 1, (int) (v / ranges[latent] * bins))]++;
        }
    }

    /** Adds {@code right}'s totals (the same latents and settings, later rows) into these; returns this. */
    public LatentTotals merge(LatentTotals right) {
        if (right.width != width || right.bins != bins || !Arrays.equals(right.ranges, ranges)) {
            throw new IllegalArgumentException("totals of other latents or settings merged");
        }
        sparsity.merge(right.sparsity);
        for (int l = 0; l < width; l++) {
            sums[l] += right.sums[l];
            max[l] = Math.max(max[l], right.max[l]);
            if (right.firstRow[l] < firstRow[l]) {
                firstRow[l] = right.firstRow[l];
                first[l] = right.first[l];
            }
        }
        top.merge(right.top);
        if (counts != null) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += right.counts[i];
            }
        }
        return this;
    }

    /** Each latent's final histogram range as the profiler reaches it: first·2^k just above the maximum, 0 if dead. */
    public double[] ranges() {
        double[] r = new double[width];
        for (int l = 0; l < width; l++) {
            if (firstRow[l] == Long.MAX_VALUE) {
                continue;
            }
            double x = first[l];
            while (max[l] >= x) {
                x *= 2;
            }
            r[l] = x;
        }
        return r;
    }

    public SparsityMetrics sparsity() {
        return sparsity;
    }

    public long rows() {
        return sparsity.samples();
    }

    public long fires(int latent) {
        return sparsity.firingCounts()[latent];
    }

    public float max(int latent) {
        return max[latent];
    }

    /** The mean of the latent's activations over the rows it fires on, 0 when it never fires. */
    public double meanWhenActive(int latent) {
        long n = fires(latent);
        return n == 0 ? 0 : sums[latent] / n;
    }

    /** The top entries (rows and values), largest first, earlier row first on ties. */
    public TopActivations.Top top(int latent) {
        return top.top(latent);
    }

    /** The histogram of the second pass (null before it). */
    public LatentProfiles.Histogram histogram(int latent) {
        return counts == null ? null
                : new LatentProfiles.Histogram(Arrays.copyOfRange(counts, latent * bins, (latent + 1) * bins), ranges[latent]);
    }
}
