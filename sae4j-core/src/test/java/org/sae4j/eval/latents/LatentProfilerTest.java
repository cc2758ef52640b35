package org.sae4j.eval.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sae4j.tensor.SparseCode;

/**
 * The browser's pass against brute force over the whole dense matrix: counts, maxima, means, histogram bins, top
 * examples, every example's window (tokens, values, document boundaries) and the groups' ranges and counts.
 */
class LatentProfilerTest {
    static final int WIDTH = 7;

    /** A dense rows × WIDTH activation matrix, sparse and skewed, with a latent that never fires. */
    static float[] activations(int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = new float[rows * WIDTH];
        for (int r = 0; r < rows; r++) {
            for (int l = 0; l < WIDTH - 1; l++) {
                if (rnd.nextDouble() < 0.05 + 0.1 * l) {
                    // Exponential values: most small, a long tail, so the range doubles many times.
                    a[r * WIDTH + l] = (float) (-Math.log(1 - rnd.nextDouble()) * (l + 1));
                }
            }
        }
        for (int r = 0; r < 40; r++) { // ties: the same value on several rows
            a[(r * 37 % rows) * WIDTH + 2] = 3.5f;
        }
        return a;
    }

    /** Documents of 1 to 60 rows; token id = 1000 + row % 500. */
    static RowOrigins origins(int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] docOf = new long[rows];
        long doc = 0;
        for (int r = 0; r < rows; ) {
            int len = 1 + rnd.nextInt(60);
            for (int i = 0; i < len && r < rows; i++) {
                docOf[r++] = doc;
            }
            doc++;
        }
        return new RowOrigins() {
            @Override
            public void read(long first, int n, long[] docs, int[] tokens) {
                for (int i = 0; i < n; i++) {
                    docs[i] = docOf[(int) first + i];
                    tokens[i] = 1000 + (int) ((first + i) % 500);
                }
            }

            @Override
            public boolean hasDocuments() {
                return true;
            }
        };
    }

    static List<SparseCode> codes(float[] a, int rows, int chunk) {
        List<SparseCode> out = new ArrayList<>();
        for (int from = 0; from < rows; from += chunk) {
            int n = Math.min(chunk, rows - from);
            float[] part = java.util.Arrays.copyOfRange(a, from * WIDTH, (from + n) * WIDTH);
            out.add(SparseCode.fromDense(part, n, WIDTH));
        }
        return out;
    }

    @Test
    void everyNumberMatchesBruteForce() {
        int rows = 5000;
        float[] a = activations(rows, 1);
        RowOrigins origins = origins(rows, 2);
        long[] docs = new long[rows];
        int[] tokens = new int[rows];
        origins.read(0, rows, docs, tokens);
        ProfileOptions o = ProfileOptions.defaults();
        LatentProfiles p = LatentProfiler.run(codes(a, rows, 1024), WIDTH, origins, o);

        assertEquals(rows, p.rows());
        assertArrayEquals(new int[] {WIDTH - 1}, p.dead());
        for (int l = 0; l < WIDTH; l++) {
            List<long[]> events = new ArrayList<>(); // row, value bits
            long count = 0;
            double sum = 0;
            float max = 0;
            for (int r = 0; r < rows; r++) {
                float v = a[r * WIDTH + l];
                if (v > 0) {
                    count++;
                    sum += v;
                    max = Math.max(max, v);
                    events.add(new long[] {r, Float.floatToIntBits(v)});
                }
            }
            assertEquals(count, p.fires(l), "fires of " + l);
            assertEquals((double) count / rows, p.density(l), 1e-15);
            assertEquals(max, p.max(l));
            assertEquals(count == 0 ? 0 : sum / count, p.meanWhenActive(l), 1e-9);
            if (count == 0) {
                assertTrue(p.top(l).isEmpty() && p.intervals(l).isEmpty() && p.quantiles(l).isEmpty());
                continue;
            }

            checkHistogram(p.histogram(l), events.stream().mapToDouble(e -> Float.intBitsToFloat((int) e[1])).toArray(),
                    o.bins(), "latent " + l);

            events.sort(Comparator.<long[]>comparingDouble(e -> -Float.intBitsToFloat((int) e[1])).thenComparingLong(e -> e[0]));
            List<Example> top = p.top(l);
            assertEquals(Math.min(o.top(), events.size()), top.size());
            for (int i = 0; i < top.size(); i++) {
                assertEquals(events.get(i)[0], top.get(i).row(), "top " + i + " of latent " + l);
                assertEquals(Float.intBitsToFloat((int) events.get(i)[1]), top.get(i).value());
                checkWindow(top.get(i), l, a, docs, tokens, rows, o.window());
            }

            long inGroups = 0;
            for (LatentProfiles.Group g : p.intervals(l)) {
                long c = events.stream().filter(e -> {
                    float v = Float.intBitsToFloat((int) e[1]);
                    return v >= g.low() && v < g.high();
                }).count();
                assertEquals(c, g.contains(), g.label() + " of latent " + l);
                inGroups += c;
                assertEquals(Math.min(o.perInterval(), c), g.examples().size());
                Set<Long> seen = new HashSet<>();
                for (Example e : g.examples()) {
                    assertTrue(e.value() >= g.low() && e.value() < g.high(), e.value() + " in " + g.label());
                    assertTrue(seen.add(e.row()), "distinct examples");
                    checkWindow(e, l, a, docs, tokens, rows, o.window());
                }
            }
            assertEquals(count, inGroups, "the intervals cover every activation");

            List<LatentProfiles.Group> qs = p.quantiles(l);
            int sample = (int) Math.min((long) o.quantiles() * o.perQuantile(), count);
            assertEquals(sample, qs.stream().mapToInt(g -> g.examples().size()).sum());
            double last = 0;
            Set<Long> seen = new HashSet<>();
            for (LatentProfiles.Group g : qs) {
                for (Example e : g.examples()) {
                    assertTrue(e.value() >= last, "quantile groups ascend");
                    assertTrue(seen.add(e.row()));
                    checkWindow(e, l, a, docs, tokens, rows, o.window());
                }
                last = g.high();
            }
        }
    }

    /** The window is the ±window rows of the firing row's document, with the latent's values on them. */
    /**
     * The histogram has {@code bins} equal bins from 0 to just above the maximum (within a tenth of it, the
     * maximum in one of the last tenth of the bins), and each bin's count is the number of values in [low, high)
     * by the bin's own edges.
     */
    static void checkHistogram(LatentProfiles.Histogram h, double[] values, int bins, String what) {
        double max = java.util.Arrays.stream(values).max().orElseThrow();
        assertEquals(bins, h.counts().length);
        assertEquals(0.0, h.low(0));
        assertTrue(h.range() > max && h.range() <= 1.1 * max, what + ": range " + h.range() + " for max " + max);
        assertTrue(max >= h.low(bins - (bins + 9) / 10), what + ": the maximum lies in the last tenth of the bins");
        long total = 0;
        for (int b = 0; b < bins; b++) {
            double lo = h.low(b);
            double hi = h.high(b);
            assertEquals(hi - lo, h.binWidth(), 0.0, "equal bins");
            long c = java.util.Arrays.stream(values).filter(v -> v >= lo && v < hi).count();
            assertEquals(c, h.counts()[b], what + " bin " + b + " [" + lo + ", " + hi + ")");
            total += c;
        }
        assertEquals(values.length, total, what + ": every activation is in a bin");
    }

    @Test
    void histogramCountsAreExactAtItsOwnEdges() {
        // Values that fall exactly on fine and displayed edges, tiny ones, and a rise over many doublings.
        int rows = 3000;
        float[] a = new float[rows * WIDTH];
        SplittableRandom rnd = new SplittableRandom(4);
        for (int r = 0; r < rows; r++) {
            a[r * WIDTH] = r < 50 ? 1e-30f * (r + 1) : (float) (rnd.nextInt(4096) / 64.0); // multiples of 1/64
            a[r * WIDTH + 1] = (float) Math.pow(1.01, r) * 1e-3f;
            a[r * WIDTH + 2] = r % 7 == 0 ? 0.75f : 0f; // one value only: every count in one bin
        }
        for (ProfileOptions o : new ProfileOptions[] {ProfileOptions.defaults(), new ProfileOptions(3, 0, 7, 2, 1, 0, 0, 0)}) {
            LatentProfiles p = LatentProfiler.run(codes(a, rows, 256), WIDTH, RowOrigins.rowsAlone(), o);
            for (int l = 0; l < 3; l++) {
                List<Double> v = new ArrayList<>();
                for (int r = 0; r < rows; r++) {
                    if (a[r * WIDTH + l] > 0) {
                        v.add((double) a[r * WIDTH + l]);
                    }
                }
                checkHistogram(p.histogram(l), v.stream().mapToDouble(Double::doubleValue).toArray(), o.bins(),
                        "latent " + l + " of " + o.bins() + " bins");
            }
            assertEquals(0, p.histogram(WIDTH - 1).binWidth(), "a dead latent's histogram is empty");
        }
    }

    static void checkWindow(Example e, int latent, float[] a, long[] docs, int[] tokens, int rows, int window) {
        int r = (int) e.row();
        assertEquals(a[r * WIDTH + latent], e.value());
        assertEquals(docs[r], e.doc());
        int lo = r;
        while (r - lo < window && lo > 0 && docs[lo - 1] == docs[r]) {
            lo--;
        }
        int hi = r;
        while (hi - r < window && hi + 1 < rows && docs[hi + 1] == docs[r]) {
            hi++;
        }
        assertEquals(r - lo, e.firing(), "firing index of row " + r);
        assertEquals(hi - lo + 1, e.tokens().length, "window of row " + r);
        for (int i = 0; i < e.tokens().length; i++) {
            assertEquals(tokens[lo + i], e.tokens()[i]);
            float v = a[(lo + i) * WIDTH + latent];
            assertEquals(v, e.values()[i], Math.abs(v) * 1e-3 + 1e-7, "value at window row " + (lo + i));
        }
    }

    @Test
    void chunkSizesDoNotChangeTheResult() {
        int rows = 3000;
        float[] a = activations(rows, 5);
        LatentProfiles x = LatentProfiler.run(codes(a, rows, 1024), WIDTH, origins(rows, 6), ProfileOptions.defaults());
        LatentProfiles y = LatentProfiler.run(codes(a, rows, 700), WIDTH, origins(rows, 6), ProfileOptions.defaults());
        for (int l = 0; l < WIDTH; l++) {
            assertEquals(rowsOf(x.top(l)), rowsOf(y.top(l)));
            assertEquals(x.intervals(l).stream().map(g -> rowsOf(g.examples())).toList(),
                    y.intervals(l).stream().map(g -> rowsOf(g.examples())).toList());
        }
    }

    private static List<Long> rowsOf(List<Example> es) {
        return es.stream().map(Example::row).toList();
    }

    @Test
    void reservoirsAreUniformAcrossDoublings() {
        // One latent whose values grow along the rows, so the range doubles often and reservoirs merge often;
        // over many seeds every activation of an interval must be kept about equally often.
        int rows = 400;
        float[] a = new float[rows * WIDTH];
        for (int r = 0; r < rows; r++) {
            a[r * WIDTH] = 0.01f + r * 0.01f * (r % 3 + 1);
        }
        int seeds = 400;
        int[] kept = new int[rows];
        ProfileOptions o = new ProfileOptions(1, 0, 50, 10, 5, 0, 0, 0);
        for (int s = 0; s < seeds; s++) {
            LatentProfiles p = LatentProfiler.run(codes(a, rows, 64), WIDTH, RowOrigins.rowsAlone(),
                    new ProfileOptions(1, 0, 50, 10, 5, 0, 0, s));
            for (LatentProfiles.Group g : p.intervals(0)) {
                for (Example e : g.examples()) {
                    kept[(int) e.row()]++;
                }
            }
        }
        LatentProfiles p = LatentProfiler.run(codes(a, rows, 64), WIDTH, RowOrigins.rowsAlone(), o);
        for (LatentProfiles.Group g : p.intervals(0)) {
            double expected = seeds * Math.min(1.0, 5.0 / g.contains());
            for (int r = 0; r < rows; r++) {
                float v = a[r * WIDTH];
                if (v >= g.low() && v < g.high()) {
                    double sd = Math.sqrt(expected * (1 - expected / seeds));
                    assertEquals(expected, kept[r], 5 * sd + 1, "row " + r + " of " + g.label());
                }
            }
        }
    }
}
