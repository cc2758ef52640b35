package org.sae4j.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sae4j.spark.reduce.TreeReduce;
import org.sae4j.tensor.NamedArrays;
import org.sae4j.train.RunningStats;
import org.sae4j.train.TrainState;

/** A round's replicas merged in a tree: the rules by hand, and the one-shot merge it replaced within rounding. */
class RoundSumTest {
    private static final long[] START = {50, 50, 0};

    private static Round round(double[] running) {
        return new Round(0, 0, 1, new NamedArrays().put("run/dead", START), new long[3], running);
    }

    private static Replica replica(int r, long rows, float w, long[] dead, double[]... segments) {
        NamedArrays s = new NamedArrays().put("param/w", new float[] {w}).put("optim/steps", new long[] {4})
                .put("run/dead", dead);
        return new Replica(r, rows, s, 1000 + r, List.of(segments), null);
    }

    @Test
    void aLatentThatFiredNowhereCountsEveryReplicasRows() {
        // latent 0 fired on no replica; latent 1 fired on replica 1, 30 rows before its end; latent 2 on both
        Round round = round(null);
        RoundSum sum = RoundSum.of(replica(0, 100, 1f, new long[] {150, 150, 10}, new double[8]), round, 2)
                .plus(RoundSum.of(replica(1, 80, 2f, new long[] {130, 30, 5}, new double[8]), round, 2));
        assertArrayEquals(new long[] {230, 30, 5}, sum.state().longs("run/dead"));
        assertArrayEquals(new float[] {(100f + 160f) / 180f}, sum.state().floats("param/w"));
        assertArrayEquals(new long[] {1000, 1001}, sum.cursors());
        assertEquals(180, sum.rows());
    }

    /** Two epochs touched: the first continues the round's running sums, the second starts from zero. */
    @Test
    void epochSumsAddWhatEachReplicaAddedAndAverageTheDeadFraction() {
        double[] running = {1, 1, 1, 1, 0.5, 10, 100, 2};
        Round round = round(running);
        double[][] a = {{2, 2, 2, 2, 0.2, 15, 150, 3}, {1, 0, 0, 0, 0.1, 1, 10, 1}};
        double[][] b = {{3, 3, 3, 3, 0.4, 20, 200, 4}, {2, 0, 0, 0, 0.3, 2, 20, 1}};
        RoundSum sum = RoundSum.of(replica(0, 10, 1f, new long[] {0, 0, 0}, a), round, 2)
                .plus(RoundSum.of(replica(1, 10, 1f, new long[] {0, 0, 0}, b), round, 2));
        assertEquals(2, sum.segments());
        assertArrayEquals(RunningStats.merge(running, List.of(a[0], b[0])), sum.stats(0), 1e-12);
        assertArrayEquals(new double[] {3, 0, 0, 0, 0.2, 3, 30, 2}, sum.stats(1), 1e-12);
    }

    /** One replica is its own result, the very state its task returned. */
    @Test
    void oneReplicaIsKeptAsItIs() {
        Replica r = replica(0, 100, 1f, new long[] {1, 2, 3}, new double[8]);
        RoundSum sum = RoundSum.of(r, round(null), 1);
        assertSame(r.state(), sum.state());
    }

    /**
     * Seven replicas of random weights: the tree's state equals TrainState.merge's weighted mean (the ordered
     * collect it replaced) to within two ulps, and any failure's sentence is the lowest replica's.
     */
    @Test
    void agreesWithTheOrderedMergeItReplaced() {
        Random rnd = new Random(11);
        List<RoundSum> leaves = new ArrayList<>();
        List<NamedArrays> states = new ArrayList<>();
        double[] weights = new double[7];
        for (int r = 0; r < 7; r++) {
            float[] w = new float[500];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) rnd.nextGaussian() * 3;
            }
            weights[r] = 50 + rnd.nextInt(200);
            Replica rep = new Replica(r, (long) weights[r], new NamedArrays().put("param/w", w)
                    .put("run/dead", new long[] {0, 0, 0}), 0, List.of(new double[8]), null);
            states.add(rep.state());
            leaves.add(RoundSum.of(rep, round(null), 7));
        }
        float[] once = TrainState.merge(states, weights).floats("param/w");
        float[] tree = TreeReduce.binary(leaves, RoundSum::plus).state().floats("param/w");
        for (int i = 0; i < once.length; i++) {
            assertEquals(once[i], tree[i], 2 * Math.ulp(once[i]), "param " + i);
        }
        leaves.set(5, RoundSum.of(new Replica(5, 0, null, 0, List.of(), "five failed"), round(null), 7));
        leaves.set(3, RoundSum.of(new Replica(3, 0, null, 0, List.of(), "three failed"), round(null), 7));
        assertEquals("three failed", TreeReduce.binary(leaves, RoundSum::plus).error());
    }
}
