package org.sae4j.data.synthetic;

import java.util.Arrays;
import java.util.Comparator;
import org.sae4j.tensor.Rng;

/**
 * Draws which of many independent rare events happen, in time proportional to the number that happen rather
 * than to the number of events (16k features at 5 active per sample would otherwise cost 16k draws a sample).
 * Events are sorted by probability and cut into bands whose probabilities lie within a factor of two; within a
 * band of top probability P the candidates are reached by geometric jumps (each event a Bernoulli(P) trial) and
 * each candidate is kept with probability p/P, which is exactly Bernoulli(p) per event and costs at most two
 * draws per happening event plus one per band.
 */
final class EventSampler {
    private final int[] order;
    private final double[] prob;
    /** Bands as [bandStart[b], bandStart[b+1]) into {@link #order}; bandTop[b] is the band's largest p. */
    private final int[] bandStart;
    private final double[] bandTop;
    /** log(1 - P) per band, precomputed for the geometric jumps; NaN when P = 1 (every event is a candidate). */
    private final double[] bandLogMiss;

    EventSampler(double[] probabilities) {
        prob = probabilities.clone();
        order = java.util.stream.IntStream.range(0, prob.length)
                .filter(i -> prob[i] > 0)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -prob[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue)
                .toArray();
        int[] starts = new int[order.length + 1];
        double[] tops = new double[order.length];
        int bands = 0;
        for (int k = 0; k < order.length; k++) {
            if (bands == 0 || prob[order[k]] * 2 < tops[bands - 1]) {
                starts[bands] = k;
                tops[bands] = prob[order[k]];
                bands++;
            }
        }
        starts[bands] = order.length;
        bandStart = Arrays.copyOf(starts, bands + 1);
        bandTop = Arrays.copyOf(tops, bands);
        bandLogMiss = new double[bands];
        for (int b = 0; b < bands; b++) {
            bandLogMiss[b] = bandTop[b] >= 1 ? Double.NaN : StrictMath.log1p(-bandTop[b]);
        }
    }

    /** Writes the indices of the events that happen into {@code out} (any order) and returns how many. */
    int sample(Rng rng, int[] out) {
        int n = 0;
        for (int b = 0; b < bandTop.length; b++) {
            int end = bandStart[b + 1];
            double top = bandTop[b];
            int k = bandStart[b] + jump(rng, b);
            while (k < end) {
                int event = order[k];
                if (prob[event] >= top || rng.nextDouble() * top < prob[event]) {
                    out[n++] = event;
                }
                k += 1 + jump(rng, b);
            }
        }
        return n;
    }

    /** Failures before the next success of Bernoulli(P) trials: floor(log U / log(1 - P)), by inversion. */
    private int jump(Rng rng, int band) {
        if (Double.isNaN(bandLogMiss[band])) {
            return 0;
        }
        double u = 1 - rng.nextDouble(); // in (0, 1], so log is finite
        double j = Math.floor(StrictMath.log(u) / bandLogMiss[band]);
        return j >= Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE / 2 : (int) j;
    }

    int events() {
        return prob.length;
    }
}
