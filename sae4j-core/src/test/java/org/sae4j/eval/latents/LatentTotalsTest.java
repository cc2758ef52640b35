package org.sae4j.eval.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sae4j.tensor.SparseCode;

/**
 * Totals of separate row ranges merged equal the profiler's one pass: firing counts, maxima, means when active,
 * histograms (range and every bin, the second pass given the merged ranges) and top examples (rows and values,
 * ties to the earlier row), on the profiler test's skewed activations with ties and a dead latent.
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

    @Test
    void mergedRangesEqualTheOnePass() {
        int rows = 3000;
        float[] a = LatentProfilerTest.activations(rows, 5);
        ProfileOptions o = ProfileOptions.defaults();
        LatentProfiles p = LatentProfiler.run(LatentProfilerTest.codes(a, rows, 1024), WIDTH,
                LatentProfilerTest.origins(rows, 6), o);
        int[][] parts = {{0, 1000}, {1000, 1000}, {1000, 2300}, {2300, 3000}};
        LatentTotals pass1 = totals(a, parts, o, null);
        LatentTotals pass2 = totals(a, parts, o, pass1.ranges());
        assertEquals(rows, pass2.rows());
        for (int l = 0; l < WIDTH; l++) {
            assertEquals(p.fires(l), pass2.fires(l), "fires of " + l);
            assertEquals(p.max(l), pass2.max(l), "max of " + l);
            assertEquals(p.meanWhenActive(l), pass2.meanWhenActive(l), 1e-12, "mean of " + l);
            assertEquals(p.histogram(l).range(), pass2.histogram(l).range(), "range of " + l);
            assertArrayEquals(p.histogram(l).counts(), pass2.histogram(l).counts(), "histogram of " + l);
            List<Example> top = p.top(l);
            TopActivations.Top t = pass2.top(l);
            assertEquals(top.size(), t.count(), "top of " + l);
            for (int i = 0; i < top.size(); i++) {
                assertEquals(top.get(i).row(), t.rows()[i], "top " + i + " of " + l);
                assertEquals(top.get(i).value(), t.values()[i], "top " + i + " of " + l);
            }
        }
        assertEquals(0, pass2.fires(WIDTH - 1), "the last latent never fires");
    }

    /** Each part's totals (chunks of 512 rows), merged left to right. */
    private static LatentTotals totals(float[] a, int[][] parts, ProfileOptions o, double[] ranges) {
        LatentTotals merged = null;
        for (int[] part : parts) {
            LatentTotals t = new LatentTotals(WIDTH, o.top(), o.bins(), ranges);
            for (int from = part[0]; from < part[1]; from += 512) {
                int n = Math.min(512, part[1] - from);
                t.add(SparseCode.fromDense(java.util.Arrays.copyOfRange(a, from * WIDTH, (from + n) * WIDTH), n, WIDTH), from);
            }
            merged = merged == null ? t : merged.merge(t);
        }
        return merged;
    }
}
