package org.sae4j.spark.train;

import java.util.ArrayList;
import java.util.List;
import org.sae4j.tensor.NamedArrays;
import org.sae4j.train.RunningStats;
import org.sae4j.train.TrainState;

/**
 * The driver's reduction of a round's replicas, always in replica order so the same replicas give the same bits:
 * parameters, buffers, optimizer moments and the sparsity controller averaged weighted by the rows each replica
 * trained on ({@link TrainState#merge(List, double[])}); the dead-latent counters as samples since a latent last
 * fired anywhere; each epoch's running sums added. One replica's state is taken as it is.
 */
final class RoundMerge {
    private RoundMerge() {
    }

    /** The merged training state of {@code replicas}, which all started from {@code base}. */
    static NamedArrays state(NamedArrays base, List<Replica> replicas) {
        if (replicas.size() == 1) {
            return replicas.get(0).state();
        }
        List<NamedArrays> states = new ArrayList<>();
        double[] weights = new double[replicas.size()];
        for (int i = 0; i < replicas.size(); i++) {
            states.add(replicas.get(i).state());
            weights[i] = replicas.get(i).rows();
        }
        NamedArrays merged = TrainState.merge(states, weights);
        merged.put("run/dead", deadCounters(base.longs("run/dead"), replicas));
        return merged;
    }

    /**
     * Samples since each latent fired, over all replicas' rows: a latent that fired on no replica has gone the start's
     * count plus every replica's rows; one that fired somewhere keeps the smallest count (it fired that recently on
     * some replica's stream). TrainState's plain minimum would count only one replica's rows, so a latent would be
     * called dead only after P times the window.
     */
    static long[] deadCounters(long[] start, List<Replica> replicas) {
        long[] merged = new long[start.length];
        long all = 0;
        for (Replica r : replicas) {
            all += r.rows();
        }
        for (int i = 0; i < start.length; i++) {
            boolean firedSomewhere = false;
            long min = Long.MAX_VALUE;
            for (Replica r : replicas) {
                long c = r.state().longs("run/dead")[i];
                firedSomewhere |= c != start[i] + r.rows();
                min = Math.min(min, c);
            }
            merged[i] = firedSomewhere ? min : start[i] + all;
        }
        return merged;
    }

    /**
     * The running sums of the {@code j}-th epoch the round touched: the first continues the round's sums
     * ({@code running}, null at an epoch start), later ones start from zero.
     */
    static double[] stats(int j, double[] running, List<Replica> replicas) {
        List<double[]> sums = new ArrayList<>();
        for (Replica r : replicas) {
            sums.add(r.segments().get(j));
        }
        double[] base = j == 0 && running != null ? running : new double[sums.get(0).length];
        return RunningStats.merge(base, sums);
    }

    /** Each replica's cursor, in replica order. */
    static long[] cursors(List<Replica> replicas) {
        long[] c = new long[replicas.size()];
        for (Replica r : replicas) {
            c[r.replica()] = r.cursor();
        }
        return c;
    }
}
