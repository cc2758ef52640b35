package org.sae4j.eval.latents;

import java.util.Arrays;
import org.sae4j.tensor.Rng;

/**
 * Per equal-width activation interval (SAEDashboard's groups), each latent's count and a uniform reservoir sample
 * of the examples in it, built in one pass without knowing the range in advance. Latent i's intervals split
 * [0, range_i) evenly; when a value reaches range_i the range doubles and neighbouring intervals merge pairwise:
 * the counts add, and two reservoirs merge into one uniform sample of their union by drawing each kept example
 * from either side in proportion to what that side still holds of its population (a hypergeometric split). The
 * final range is below twice the largest value, so at least half of the intervals span values that occurred.
 * (The histogram, {@link FineHistograms}, can re-cut its fine bins at the end; a reservoir cannot be re-cut, so
 * the intervals keep the halving range: a tighter one would need a second pass.)
 */
final class IntervalSamples {
    private final int width;
    private final int intervals;
    private final int perInterval;
    private final int slotsPerLatent;
    private final int offset;
    private final long[] counts;
    private final double[] range;
    private final ExampleSlots slots;
    private final Rng random;

    /**
     * {@code intervals} even; latent l's interval j keeps its examples in slots
     * {@code l·slotsPerLatent + offset + j·perInterval + 0..perInterval-1} of {@code slots}.
     */
    IntervalSamples(int width, int intervals, int perInterval, int slotsPerLatent, int offset, ExampleSlots slots,
                    long seed) {
        if (intervals % 2 != 0) {
            throw new IllegalArgumentException(intervals + " intervals");
        }
        this.width = width;
        this.intervals = intervals;
        this.perInterval = perInterval;
        this.slotsPerLatent = slotsPerLatent;
        this.offset = offset;
        this.counts = new long[Math.multiplyExact(width, intervals)];
        this.range = new double[width];
        this.slots = slots;
        this.random = new Rng(seed);
    }

    /** Counts {@code value} (> 0, finite) and returns the slot to store its example in, or -1 to drop it. */
    int offer(int latent, float value) {
        double r = range[latent];
        if (r == 0) {
            r = value; // the first value sets the scale; the loop below doubles it past the value
        }
        while (value >= r) {
            halve(latent);
            r *= 2;
        }
        range[latent] = r;
        int j = Math.min(intervals - 1, (int) (value / r * intervals));
        long n = ++counts[latent * intervals + j];
        if (perInterval == 0) {
            return -1;
        }
        long pick = n <= perInterval ? n - 1 : random.nextLong(n);
        return pick < perInterval ? slot(latent, j, (int) pick) : -1;
    }

    /** Intervals pairwise into the lower half, the upper half emptied: the range doubles. */
    private void halve(int latent) {
        for (int j = 0; j < intervals / 2; j++) {
            merge(latent, 2 * j, 2 * j + 1, j); // target j ≤ 2j: sources of later targets are never overwritten
        }
        int base = latent * intervals;
        for (int j = 0; j < intervals / 2; j++) {
            counts[base + j] = counts[base + 2 * j] + counts[base + 2 * j + 1];
        }
        Arrays.fill(counts, base + intervals / 2, base + intervals, 0);
    }

    /** Draws min(m, a + b) examples of intervals {@code x} and {@code y} (sizes a, b) uniformly into interval {@code to}. */
    private void merge(int latent, int x, int y, int to) {
        long a = intervalCount(latent, x);
        long b = intervalCount(latent, y);
        int keep = (int) Math.min(perInterval, a + b);
        int[] fromX = random.permutation((int) Math.min(perInterval, a));
        int[] fromY = random.permutation((int) Math.min(perInterval, b));
        int takenX = 0;
        int takenY = 0;
        long leftX = a;
        long leftY = b;
        for (int k = 0; k < keep; k++) {
            if (random.nextLong(leftX + leftY) < leftX) {
                takenX++;
                leftX--;
            } else {
                takenY++;
                leftY--;
            }
        }
        // Interval x may be the target itself (x = to = 0): gather x's picks to the front by swaps first.
        for (int k = 0; k < takenX; k++) {
            if (x != to) {
                slots.copy(slot(latent, x, fromX[k]), slot(latent, to, k));
                continue;
            }
            slots.swap(slot(latent, x, fromX[k]), slot(latent, to, k));
            for (int q = k + 1; q < takenX; q++) { // the swap moved position k's example to fromX[k]
                if (fromX[q] == k) {
                    fromX[q] = fromX[k];
                }
            }
        }
        for (int k = 0; k < takenY; k++) {
            slots.copy(slot(latent, y, fromY[k]), slot(latent, to, takenX + k));
        }
    }

    private int slot(int latent, int interval, int i) {
        return latent * slotsPerLatent + offset + interval * perInterval + i;
    }

    long intervalCount(int latent, int interval) {
        return counts[latent * intervals + interval];
    }

    /** The slots holding interval {@code interval}'s examples (at most perInterval). */
    int[] intervalSlots(int latent, int interval) {
        int n = (int) Math.min(perInterval, intervalCount(latent, interval));
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = slot(latent, interval, i);
        }
        return s;
    }

    double range(int latent) {
        return range[latent];
    }

    int intervals() {
        return intervals;
    }

    int width() {
        return width;
    }
}
