package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sae4j.tensor.NamedArrays;

class StateSumTest {
    private static NamedArrays replica(float w, double moment, long dead, double stat) {
        return new NamedArrays().put("format", TrainState.FORMAT).put("param/w", new float[] {w, 2 * w})
                .put("optim/w/0", new float[] {(float) moment}).put("optim/steps", new long[] {5})
                .put("history", new double[] {1, 2}).put("run/dead", new long[] {dead, 100})
                .put("run/control", new double[] {moment}).put("run/stats", new double[] {stat, 1});
    }

    /** By hand: weights 200 and 100 give (2·1 + 4)/3 = 2 and (2·0.3 + 0.6)/3 = 0.4; sums add; minimums. */
    @Test
    void mergesByTheRulesWithWeights() {
        NamedArrays m = StateSum.of(replica(1f, 0.3, 40, 2), 200).plus(StateSum.of(replica(4f, 0.6, 7, 3), 100)).mean();
        assertArrayEquals(new float[] {2f, 4f}, m.floats("param/w"));
        assertEquals(0.4, m.floats("optim/w/0")[0], 1e-7);
        assertEquals(0.4, m.doubles("run/control")[0], 1e-15);
        assertArrayEquals(new double[] {5, 2}, m.doubles("run/stats"));
        assertArrayEquals(new long[] {7, 100}, m.longs("run/dead"));
        assertArrayEquals(new long[] {5}, m.longs("optim/steps"));
        assertEquals(m.names(), replica(0, 0, 0, 0).names(), "entries keep their order");
        NamedArrays one = replica(1f, 0.3, 40, 2);
        assertEquals(one, StateSum.of(one, 7).mean(), "one replica is itself");
        NamedArrays other = replica(1f, 0.3, 40, 2).put("optim/steps", new long[] {6});
        assertThrows(IllegalArgumentException.class, () -> StateSum.of(one, 1).plus(StateSum.of(other, 1)));
        // The data cursor is the one SAME entry replicas may disagree on (each reads its own rows): the left's is kept.
        NamedArrays left = replica(1f, 0.3, 40, 2).put("run/cursor", new long[] {10});
        NamedArrays right = replica(4f, 0.6, 7, 3).put("run/cursor", new long[] {20});
        assertArrayEquals(new long[] {10}, StateSum.of(left, 1).plus(StateSum.of(right, 1)).mean().longs("run/cursor"));
    }

    /**
     * Random states of five replicas: any bracketing gives the weighted mean of TrainState.merge to within a
     * float's rounding (the sums differ only in the order of their additions).
     */
    @Test
    void agreesWithTheOneShotMergeWithinRounding() {
        Random rnd = new Random(3);
        List<NamedArrays> states = new ArrayList<>();
        double[] weights = new double[5];
        for (int r = 0; r < 5; r++) {
            float[] p = new float[1000];
            double[] c = new double[3];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) rnd.nextGaussian();
            }
            for (int i = 0; i < c.length; i++) {
                c[i] = rnd.nextGaussian();
            }
            states.add(new NamedArrays().put("param/p", p).put("run/control", c));
            weights[r] = 100 + rnd.nextInt(1000);
        }
        NamedArrays once = TrainState.merge(states, weights);
        StateSum left = StateSum.of(states.get(0), weights[0]);
        for (int r = 1; r < 5; r++) {
            left = left.plus(StateSum.of(states.get(r), weights[r]));
        }
        StateSum tree = StateSum.of(states.get(0), weights[0]).plus(StateSum.of(states.get(1), weights[1]))
                .plus(StateSum.of(states.get(2), weights[2]).plus(StateSum.of(states.get(3), weights[3])))
                .plus(StateSum.of(states.get(4), weights[4]));
        for (StateSum s : List.of(left, tree)) {
            float[] a = once.floats("param/p");
            float[] b = s.mean().floats("param/p");
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 2 * Math.ulp(a[i]), "param " + i);
            }
            assertArrayEquals(once.doubles("run/control"), s.mean().doubles("run/control"), 1e-14);
        }
        assertEquals(java.util.Arrays.stream(weights).sum(), tree.weight());
    }
}
