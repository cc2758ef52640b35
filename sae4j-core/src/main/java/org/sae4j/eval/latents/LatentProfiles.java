package org.sae4j.eval.latents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.sae4j.eval.SparsityMetrics;

/**
 * What {@link LatentProfiler} measured of every latent: density, maximum, mean when active, histogram, top
 * examples and the example groups across the activation range in both conventions.
 */
public final class LatentProfiles {
    private final int width;
    private final ProfileOptions options;
    private final LatentTotals totals;
    private final ExampleSlots slots;
    private final IntervalSamples intervals;
    private final Reservoirs quantiles;
    private final Documents documents;
    private final TokenLatents tokenLatents;

    /**
     * A group of examples from one part of the activation range.
     *
     * @param label    what the group is, e.g. "interval 3 of 10" or "quantile 80–90%"
     * @param low      the smallest activation the group covers
     * @param high     the largest (intervals: the upper edge, exclusive; quantiles: the largest sampled value)
     * @param contains how many of the latent's activations lie in the group's range (quantiles: of the sample)
     * @param fraction that count as a fraction of all the latent's activations (quantiles: of the sample)
     * @param examples the sampled examples, largest activation first
     */
    public record Group(String label, double low, double high, long contains, double fraction, List<Example> examples) {
    }

    /**
     * A latent's activation histogram: {@code counts[b]} activations lie in [b·binWidth, (b+1)·binWidth), exactly
     * (the edges are exact doubles, see {@link FineHistograms}); the last bin holds the maximum or lies within a
     * tenth of it. All zero with binWidth 0 for a latent that never fires.
     */
    public record Histogram(long[] counts, double binWidth) {
        /** The top edge: just above the maximum. */
        public double range() {
            return counts.length * binWidth;
        }

        public double low(int bin) {
            return bin * binWidth;
        }

        public double high(int bin) {
            return (bin + 1) * binWidth;
        }
    }

    LatentProfiles(LatentTotals totals, Documents documents, TokenLatents tokenLatents) {
        this.width = totals.width();
        this.options = totals.options();
        this.totals = totals;
        this.slots = totals.slots();
        this.intervals = totals.intervals();
        this.quantiles = totals.quantiles();
        this.documents = documents;
        this.tokenLatents = tokenLatents;
    }

    public int width() {
        return width;
    }

    public ProfileOptions options() {
        return options;
    }

    /** Rows (tokens) scanned. */
    public long rows() {
        return totals.rows();
    }

    /** Firing counts, density, L0 and dead latents, as eval defines them. */
    public SparsityMetrics sparsity() {
        return totals.sparsity();
    }

    public long fires(int latent) {
        return totals.fires(latent);
    }

    /** The fraction of rows the latent fires on (activation > 0). */
    public double density(int latent) {
        return rows() == 0 ? 0 : (double) fires(latent) / rows();
    }

    public float max(int latent) {
        return totals.max(latent);
    }

    /** The mean of the latent's activations over the rows it fires on, 0 when it never fires. */
    public double meanWhenActive(int latent) {
        return totals.meanWhenActive(latent);
    }

    public boolean isDead(int latent) {
        return fires(latent) == 0;
    }

    /** The latents that never fired on the data, ascending. */
    public int[] dead() {
        return java.util.stream.IntStream.range(0, width).filter(this::isDead).toArray();
    }

    /** The store's documents, or null for sources whose rows stand alone. */
    public Documents documents() {
        return documents;
    }

    /** Per token, the latents firing most on it over every row; null for sources whose rows are not tokens. */
    public TokenLatents tokenLatents() {
        return tokenLatents;
    }

    public Histogram histogram(int latent) {
        return totals.histogram(latent);
    }

    /** The top examples, largest activation first (earlier row first on ties). */
    public List<Example> top(int latent) {
        TopActivations.Top t = totals.top(latent);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < t.count(); i++) {
            out.add(slots.example(latent * options.slotsPerLatent() + t.slots()[i]));
        }
        return out;
    }

    /** The top edge of the equal-width intervals: the power of two between the maximum and twice it. */
    public double intervalRange(int latent) {
        return intervals.range(latent);
    }

    /**
     * Equal-width activation intervals over [0, intervalRange) (SAEDashboard's convention), the empty ones left
     * out, each with a uniform sample of its examples.
     */
    public List<Group> intervals(int latent) {
        List<Group> out = new ArrayList<>();
        int n = intervals.intervals();
        double w = intervals.range(latent) / n;
        long total = fires(latent);
        for (int j = 0; j < n; j++) {
            long c = intervals.intervalCount(latent, j);
            if (c == 0) {
                continue;
            }
            out.add(new Group("interval " + (j + 1) + " of " + n, j * w, (j + 1) * w, c, (double) c / total,
                    examples(intervals.intervalSlots(latent, j))));
        }
        return out;
    }

    /**
     * Equal-count groups by rank (delphi's quantiles): a uniform sample of the latent's examples sorted by
     * activation and cut into {@code quantiles} groups of equal size, lowest first.
     */
    public List<Group> quantiles(int latent) {
        List<Example> sample = examples(quantiles.slots(latent, 0));
        sample.sort(Comparator.comparingDouble(Example::value).thenComparingLong(Example::row));
        int q = options.quantiles();
        int s = sample.size();
        List<Group> out = new ArrayList<>();
        for (int k = 0; k < q; k++) {
            int from = (int) ((long) k * s / q);
            int to = (int) ((long) (k + 1) * s / q);
            if (to == from) {
                continue;
            }
            List<Example> g = new ArrayList<>(sample.subList(from, to));
            g.sort(Comparator.comparingDouble(Example::value).reversed().thenComparingLong(Example::row));
            String label = String.format(java.util.Locale.ROOT, "quantile %d of %d (ranks %d%%–%d%%)", k + 1, q,
                    100 * k / q, 100 * (k + 1) / q);
            out.add(new Group(label, g.get(g.size() - 1).value(), g.get(0).value(), to - from,
                    (double) (to - from) / s, g));
        }
        return out;
    }

    private List<Example> examples(int[] slotIds) {
        List<Example> out = new ArrayList<>();
        for (int s : slotIds) {
            out.add(slots.example(s));
        }
        out.sort(Comparator.comparingDouble(Example::value).reversed().thenComparingLong(Example::row));
        return out;
    }

    /** Every latent's maximum, for sorting. */
    public float[] maxima() {
        return Arrays.copyOf(totals.maxArray(), width);
    }
}
