package org.sae4j.eval.latents;

/**
 * Per equal-width activation interval (SAEDashboard's groups), each latent's count and a uniform sample of the
 * examples in it ({@link Reservoirs}, one group per interval), built in one pass without knowing the range in
 * advance. Latent i's intervals split [0, range_i), range_i a power of two: the smallest above every value so
 * far. When a value reaches it, the range doubles and neighbouring intervals merge pairwise: the counts add and
 * two samples merge into the sample of their union. Bin ⌊v / r · n⌋ at range 2r is ⌊⌊v / r · n⌋ / 2⌋ exactly
 * (v / r is exact for a power of two r, and halving commutes with rounding), so the intervals hold exactly the
 * values inside their edges. The range is a function of the maximum alone, so two partials over different rows
 * {@link #merge} into the partial of all the rows: the finer one doubles up to the coarser range first. The final
 * range is below twice the largest value, so at least half of the intervals span values that occurred. (The
 * histogram, {@link FineHistograms}, re-cuts its fine bins at the end; a sample cannot be re-cut, so the intervals
 * keep the doubling range: a tighter one would need a second pass.)
 */
final class IntervalSamples implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int width;
    private final int intervals;
    private final double[] range;
    private final Reservoirs samples;

    /**
     * {@code intervals} even; latent l's interval j keeps its examples in slots
     * {@code l·slotsPerLatent + offset + j·perInterval + 0..perInterval-1}.
     */
    IntervalSamples(int width, int intervals, int perInterval, int slotsPerLatent, int offset, long seed) {
        if (intervals % 2 != 0) {
            throw new IllegalArgumentException(intervals + " intervals");
        }
        this.width = width;
        this.intervals = intervals;
        this.range = new double[width];
        this.samples = new Reservoirs(width, intervals, perInterval, slotsPerLatent, offset, seed);
    }

    /** Counts {@code value} (> 0, finite) of {@code row}; returns the slot to store its example in, or -1. */
    int offer(ExampleSlots slots, int latent, long row, float value) {
        double r = range[latent];
        if (r == 0) {
            r = Math.scalb(1.0, Math.getExponent(value) + 1); // the smallest power of two above the value
        }
        while (value >= r) {
            halve(slots, latent);
            r *= 2;
        }
        range[latent] = r;
        return samples.offer(slots, latent, interval(value, r), row);
    }

    private int interval(float value, double r) {
        return Math.min(intervals - 1, (int) (value / r * intervals));
    }

    /** Intervals pairwise into the lower half, the upper half emptied: the range doubles. */
    private void halve(ExampleSlots slots, int latent) {
        for (int j = 0; j < intervals / 2; j++) {
            samples.fold(slots, latent, 2 * j, 2 * j + 1, j); // target j ≤ 2j: sources of later targets stay intact
        }
    }

    /** Adds {@code other}'s counts and samples (other rows; its examples in {@code otherSlots}) to these. */
    void merge(ExampleSlots slots, IntervalSamples other, ExampleSlots otherSlots) {
        for (int l = 0; l < width; l++) {
            if (other.range[l] == 0) {
                continue;
            }
            while (range[l] != 0 && range[l] < other.range[l]) {
                halve(slots, l);
                range[l] *= 2;
            }
            while (other.range[l] < range[l]) {
                other.halve(otherSlots, l);
                other.range[l] *= 2;
            }
            range[l] = other.range[l];
            for (int j = 0; j < intervals; j++) {
                samples.merge(slots, other.samples, otherSlots, l, j);
            }
        }
    }

    long intervalCount(int latent, int interval) {
        return samples.count(latent, interval);
    }

    /** The slots holding interval {@code interval}'s examples (at most perInterval). */
    int[] intervalSlots(int latent, int interval) {
        return samples.slots(latent, interval);
    }

    double range(int latent) {
        return range[latent];
    }

    int intervals() {
        return intervals;
    }
}
