package org.sae4j.eval.latents;

import org.sae4j.eval.SparsityMetrics;
import org.sae4j.tensor.SparseCode;

/**
 * Everything {@link LatentProfiler} measures of each latent, in a form that adds up exactly across separate passes
 * (a cluster's partitions, each a range of rows): firing counts (through {@link SparsityMetrics}), sums and maxima
 * when firing, the histogram ({@link FineHistograms}), the top activations ({@link TopActivations}), the interval
 * and quantile samples ({@link IntervalSamples}, {@link Reservoirs}: keyed by a hash of the row, so a sample does
 * not depend on the order the rows came in), and per token the latents firing most on it ({@link TokenLatents}).
 * Partials {@link #merge}, the left one holding the earlier rows; everything comes out exactly as one pass over
 * all the rows gives it, the sums up to the order of the additions, in one pass (every structure's range is a
 * function of the maximum alone, power-of-two aligned).
 *
 * <p>The examples' windows (the tokens around a firing row) are not part of a partial: a window may cross the
 * edge of a partition. The single pass stores them as it goes; after a merge, {@link #shown()} names the examples
 * the pages show and {@link #window} stores each one's window, gathered from the rows once they are known.
 */
public final class LatentTotals implements java.io.Serializable {
    private static final long serialVersionUID = 2L;
    private final int width;
    private final ProfileOptions options;
    private final int slotsPerLatent;
    private final SparsityMetrics sparsity;
    private final double[] sums;
    private final float[] max;
    private final ExampleSlots slots;
    private final TopActivations top;
    private final FineHistograms histograms;
    private final IntervalSamples intervals;
    private final Reservoirs quantiles;
    private final TokenLatents tokenLatents = new TokenLatents(TokenLatents.PER_TOKEN);

    /**
     * The examples a site shows, as parallel arrays: slot, firing row and latent of each.
     *
     * @param slots   where {@link #window} stores the window
     * @param rows    the firing rows
     * @param latents the latents
     */
    public record Shown(int[] slots, long[] rows, int[] latents) {
    }

    /** Totals of {@code width} latents as {@code options} keeps them, for a partial (no windows). */
    public LatentTotals(int width, ProfileOptions options) {
        this(width, options, false);
    }

    /** {@code tracking}: the single pass, which stores every example's window as soon as its rows are seen. */
    LatentTotals(int width, ProfileOptions options, boolean tracking) {
        this.width = width;
        this.options = options;
        this.slotsPerLatent = options.slotsPerLatent();
        this.sparsity = new SparsityMetrics(width);
        this.sums = new double[width];
        this.max = new float[width];
        this.slots = new ExampleSlots((long) width * slotsPerLatent, options.windowRows(), tracking);
        this.top = new TopActivations(width, options.top());
        int intervalOffset = options.top();
        int quantileOffset = intervalOffset + options.intervals() * options.perInterval();
        this.histograms = new FineHistograms(width, options.bins());
        this.intervals = new IntervalSamples(width, options.intervals(), options.perInterval(), slotsPerLatent,
                intervalOffset, options.seed());
        this.quantiles = new Reservoirs(width, 1, options.quantiles() * options.perQuantile(), slotsPerLatent,
                quantileOffset, options.seed() + 1);
    }

    /**
     * Adds a chunk of codes whose first row is {@code from} (rows ascend within one partial); {@code tokens} holds
     * each row's token id (-1: none), or is null when rows are not tokens.
     */
    public void add(SparseCode code, long from, int[] tokens) {
        if (code.width() != width) {
            throw new IllegalArgumentException("codes of width " + code.width() + ", expected " + width);
        }
        sparsity.addCsr(code.rowStart(), code.index(), code.value(), code.rows());
        int[] start = code.rowStart();
        for (int r = 0; r < code.rows(); r++) {
            long row = from + r;
            int token = tokens == null ? -1 : tokens[r];
            for (int e = start[r]; e < start[r + 1]; e++) {
                float v = code.value()[e];
                if (v > 0 && v < Float.POSITIVE_INFINITY) {
                    offer(code.index()[e], row, v);
                    if (token >= 0) {
                        tokenLatents.offer(token, code.index()[e], v);
                    }
                }
            }
        }
    }

    private void offer(int latent, long row, float v) {
        sums[latent] += v;
        if (v > max[latent]) {
            max[latent] = v;
        }
        histograms.add(latent, v);
        int s = top.offerSlot(latent, row, v);
        if (s >= 0) {
            slots.set(latent * slotsPerLatent + s, row, v);
        }
        s = intervals.offer(slots, latent, row, v);
        if (s >= 0) {
            slots.set(s, row, v);
        }
        s = quantiles.offer(slots, latent, 0, row);
        if (s >= 0) {
            slots.set(s, row, v);
        }
    }

    /** Adds {@code right}'s totals (the same latents and options, later rows) into these; returns this. */
    public LatentTotals merge(LatentTotals right) {
        if (right.width != width || !right.options.equals(options)) {
            throw new IllegalArgumentException("totals of other latents or settings merged");
        }
        sparsity.merge(right.sparsity);
        for (int l = 0; l < width; l++) {
            sums[l] += right.sums[l];
            max[l] = Math.max(max[l], right.max[l]);
        }
        histograms.merge(right.histograms);
        top.merge(right.top);
        for (int l = 0; l < width; l++) { // merged entries own new slots: put each entry's example in its own
            TopActivations.Top t = top.top(l);
            for (int i = 0; i < t.count(); i++) {
                slots.set(l * slotsPerLatent + t.slots()[i], t.rows()[i], t.values()[i]);
            }
        }
        intervals.merge(slots, right.intervals, right.slots);
        for (int l = 0; l < width; l++) {
            quantiles.merge(slots, right.quantiles, right.slots, l, 0);
        }
        tokenLatents.merge(right.tokenLatents);
        return this;
    }

    /** Every example a page shows: each latent's top examples, interval samples and quantile sample. */
    public Shown shown() {
        java.util.List<int[]> picked = new java.util.ArrayList<>();
        for (int l = 0; l < width; l++) {
            for (int s : top.top(l).slots()) {
                picked.add(new int[] {l * slotsPerLatent + s, l});
            }
            for (int j = 0; j < intervals.intervals(); j++) {
                for (int s : intervals.intervalSlots(l, j)) {
                    picked.add(new int[] {s, l});
                }
            }
            for (int s : quantiles.slots(l, 0)) {
                picked.add(new int[] {s, l});
            }
        }
        int[] s = new int[picked.size()];
        long[] r = new long[s.length];
        int[] lat = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = picked.get(i)[0];
            r[i] = slots.row(s[i]);
            lat[i] = picked.get(i)[1];
        }
        return new Shown(s, r, lat);
    }

    /**
     * Stores the window of the example in {@code slot}: {@code n} rows of document {@code doc} starting
     * {@code firingAt} rows before the firing row, their token ids and the latent's values on them.
     */
    public void window(int slot, long doc, int firingAt, int n, int[] tokens, float[] values) {
        slots.window(slot, doc, firingAt, n, tokens, values);
    }

    /** What the browser shows, from these totals; {@code documents} null when rows are not tokens. */
    public LatentProfiles profiles(Documents documents) {
        return new LatentProfiles(this, documents, documents == null ? null : tokenLatents);
    }

    public int width() {
        return width;
    }

    public ProfileOptions options() {
        return options;
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

    public LatentProfiles.Histogram histogram(int latent) {
        return histograms.histogram(latent);
    }

    /** Per token, the latents firing most on it. */
    public TokenLatents tokenLatents() {
        return tokenLatents;
    }

    ExampleSlots slots() {
        return slots;
    }

    float[] maxArray() {
        return max;
    }

    IntervalSamples intervals() {
        return intervals;
    }

    Reservoirs quantiles() {
        return quantiles;
    }
}
