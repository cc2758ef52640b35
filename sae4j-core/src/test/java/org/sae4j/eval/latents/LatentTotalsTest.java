package org.sae4j.eval.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sae4j.tensor.SparseCode;

/**
 * Totals of separate row ranges merged equal the profiler's one pass: firing counts, maxima, means when active,
 * histograms (bin width and every bin), top examples (rows and values, ties to the earlier row), the interval and
 * quantile samples and the token search, on the profiler test's skewed activations with ties and a dead latent.
 */
class LatentTotalsTest {
    private static final int WIDTH = LatentProfilerTest.WIDTH;

    /** Two keepers of 2 with a tie on 3.5 across them give one top whichever merges into which: the tie to row 0. */
    @Test
    void topActivationsMergeByHand() {
        TopActivations left = new TopActivations(1, 2);
        left.offer(0, 0, 3.5f);
        left.offer(0, 1, 1f);
        TopActivations right = new TopActivations(1, 2);
        right.offer(0, 5, 3.5f);
        right.offer(0, 6, 4f);
        left.merge(right);
        assertArrayEquals(new long[] {6, 0}, left.top(0).rows());
        TopActivations other = new TopActivations(1, 2);
        other.offer(0, 5, 3.5f);
        other.offer(0, 6, 4f);
        TopActivations first = new TopActivations(1, 2);
        first.offer(0, 0, 3.5f);
        first.offer(0, 1, 1f);
        other.merge(first); // the earlier rows merged into the later: the tie still goes to row 0
        assertArrayEquals(new long[] {6, 0}, other.top(0).rows());
        assertArrayEquals(new float[] {4f, 3.5f}, other.top(0).values());
    }

    /**
     * Four partials (one of them empty) merged left to right, and the same merged as a tree, give the profiler's
     * one pass: counts, maxima, histograms, top examples, interval ranges, counts and samples, quantile samples
     * and the token search, exactly; means to 1e-12.
     */
    @Test
    void mergedPartialsEqualTheOnePass() {
        int rows = 3000;
        float[] a = LatentProfilerTest.activations(rows, 5);
        ProfileOptions o = new ProfileOptions(20, 12, 50, 10, 5, 10, 5, 7);
        RowOrigins origins = LatentProfilerTest.origins(rows, 6);
        LatentProfiles p = LatentProfiler.run(LatentProfilerTest.codes(a, rows, 1024), WIDTH, origins, o);
        int[][] parts = {{0, 1000}, {1000, 1000}, {1000, 2300}, {2300, 3000}};
        LatentTotals[] ts = new LatentTotals[parts.length];
        LatentTotals[] us = new LatentTotals[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ts[i] = totals(a, parts[i], o, origins);
            us[i] = totals(a, parts[i], o, origins);
        }
        LatentTotals chain = ts[0].merge(ts[1]).merge(ts[2]).merge(ts[3]);
        LatentTotals tree = us[0].merge(us[1]).merge(us[2].merge(us[3]));
        for (LatentTotals t : new LatentTotals[] {chain, tree}) {
            assertEquals(rows, t.rows());
            LatentProfiles m = t.profiles(null);
            for (int l = 0; l < WIDTH; l++) {
                String at = "latent " + l;
                assertEquals(p.fires(l), t.fires(l), at);
                assertEquals(p.max(l), t.max(l), at);
                assertEquals(p.meanWhenActive(l), t.meanWhenActive(l), 1e-12, at);
                assertEquals(p.histogram(l).binWidth(), t.histogram(l).binWidth(), at);
                assertArrayEquals(p.histogram(l).counts(), t.histogram(l).counts(), at);
                assertEquals(examples(p.top(l)), examples(m.top(l)), "top of " + at);
                assertEquals(p.intervalRange(l), m.intervalRange(l), at);
                assertEquals(groups(p.intervals(l)), groups(m.intervals(l)), "intervals of " + at);
                assertEquals(groups(p.quantiles(l)), groups(m.quantiles(l)), "quantiles of " + at);
            }
            for (int token = 0; token < p.tokenLatents().tokens(); token++) {
                assertArrayEquals(p.tokenLatents().latents(token), t.tokenLatents().latents(token), "token " + token);
                assertArrayEquals(p.tokenLatents().values(token), t.tokenLatents().values(token), "token " + token);
            }
            assertEquals(p.tokenLatents().tokens(), t.tokenLatents().tokens());
            assertEquals(0, t.fires(WIDTH - 1), "the last latent never fires");
        }
    }

    private static List<String> examples(List<Example> es) {
        return es.stream().map(e -> e.row() + ":" + e.value()).toList();
    }

    private static List<String> groups(List<LatentProfiles.Group> gs) {
        return gs.stream().map(g -> g.label() + " " + g.low() + ".." + g.high() + " " + g.contains() + " "
                + examples(g.examples())).toList();
    }

    /** One part's totals, chunks of 512 rows with their tokens. */
    private static LatentTotals totals(float[] a, int[] part, ProfileOptions o, RowOrigins origins) {
        LatentTotals t = new LatentTotals(WIDTH, o);
        for (int from = part[0]; from < part[1]; from += 512) {
            int n = Math.min(512, part[1] - from);
            long[] docs = new long[n];
            int[] tokens = new int[n];
            origins.read(from, n, docs, tokens);
            t.add(SparseCode.fromDense(java.util.Arrays.copyOfRange(a, from * WIDTH, (from + n) * WIDTH), n, WIDTH), from,
                    tokens);
        }
        return t;
    }
}
