package org.sae4j.spark.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.sae4j.tensor.NamedArrays;
import org.sae4j.train.StateSum;

/**
 * The round's replicas merged so far, a partial of the {@link org.sae4j.spark.reduce.TreeReduce} over replicas
 * (a contiguous range of them; {@link #plus} is given the range after this one). What it keeps:
 * <ul>
 *   <li>the training state as a {@link StateSum}: parameters, buffers, optimizer moments and the sparsity
 *       controller averaged weighted by the rows each replica trained on;</li>
 *   <li>the dead-latent counters as samples since a latent last fired anywhere: a latent that fired on no replica
 *       has gone the round's start count plus every replica's rows; one that fired somewhere keeps the smallest
 *       count (it fired that recently on some replica's stream). A plain minimum would count only one replica's
 *       rows, so a latent would be called dead only after P times the window;</li>
 *   <li>each epoch's running sums as what the replicas added to the round's ({@code RunningStats.merge}), the dead
 *       fraction averaged;</li>
 *   <li>each replica's data cursor, and the lowest replica's error sentence if any failed.</li>
 * </ul>
 * One replica alone is kept as it is, so a one-partition run restores exactly the state its task returned.
 */
final class RoundSum implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Replica alone;
    private final long[] start;
    private final double[] running;
    private final StateSum state;
    private final long rows;
    private final BitSet fired;
    private final List<double[]> added;
    private final int count;
    private final long[] cursors;
    private final String error;

    private RoundSum(Replica alone, long[] start, double[] running, StateSum state, long rows, BitSet fired,
                     List<double[]> added, int count, long[] cursors, String error) {
        this.alone = alone;
        this.start = start;
        this.running = running;
        this.state = state;
        this.rows = rows;
        this.fired = fired;
        this.added = added;
        this.count = count;
        this.cursors = cursors;
        this.error = error;
    }

    /** One replica's result of a round that started from {@code round}, among {@code replicas} in all. */
    static RoundSum of(Replica r, Round round, int replicas) {
        long[] cursors = new long[replicas];
        Arrays.fill(cursors, -1);
        cursors[r.replica()] = r.cursor();
        return new RoundSum(r, round.state().longs("run/dead"), round.stats(), null, r.rows(), null, null, 1, cursors,
                r.error());
    }

    /** This range of replicas followed by {@code right}'s, the next range. */
    RoundSum plus(RoundSum right) {
        long[] c = cursors.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.max(c[i], right.cursors[i]);
        }
        if (error != null || right.error != null) {
            return new RoundSum(null, start, running, null, 0, null, null, count + right.count, c,
                    error != null ? error : right.error);
        }
        RoundSum a = expanded();
        RoundSum b = right.expanded();
        BitSet f = (BitSet) a.fired.clone();
        f.or(b.fired);
        List<double[]> sums = new ArrayList<>();
        for (int j = 0; j < a.added.size(); j++) {
            double[] s = a.added.get(j).clone();
            double[] t = b.added.get(j);
            for (int i = 0; i < s.length; i++) {
                s[i] += t[i];
            }
            sums.add(s);
        }
        return new RoundSum(null, start, running, a.state.plus(b.state), rows + right.rows, f, sums,
                count + right.count, c, null);
    }

    /** A lone replica in the summed form: its state weighted by its rows, what it fired, what it added. */
    private RoundSum expanded() {
        if (alone == null) {
            return this;
        }
        long[] dead = alone.state().longs("run/dead");
        BitSet f = new BitSet(dead.length);
        for (int i = 0; i < dead.length; i++) {
            if (dead[i] != start[i] + alone.rows()) {
                f.set(i);
            }
        }
        List<double[]> sums = new ArrayList<>();
        for (int j = 0; j < alone.segments().size(); j++) {
            double[] s = alone.segments().get(j).clone();
            double[] base = base(j, s.length);
            for (int i = 0; i < s.length; i++) {
                s[i] -= base[i];
            }
            s[4] = alone.segments().get(j)[4]; // the dead fraction is averaged, not added
            sums.add(s);
        }
        return new RoundSum(null, start, running, StateSum.of(alone.state(), alone.rows()), alone.rows(), f, sums, 1,
                cursors, null);
    }

    /** The running sums the {@code j}-th epoch of the round started from: the round's for the first, else zeros. */
    private double[] base(int j, int length) {
        return j == 0 && running != null ? running : new double[length];
    }

    /** Null, or the sentence of the lowest replica that could not finish the round. */
    String error() {
        return error;
    }

    /** Rows trained in the round, over all replicas. */
    long rows() {
        return rows;
    }

    /** The merged training state. */
    NamedArrays state() {
        if (alone != null) {
            return alone.state();
        }
        NamedArrays merged = state.mean();
        long[] min = merged.longs("run/dead");
        long[] dead = new long[start.length];
        for (int i = 0; i < dead.length; i++) {
            dead[i] = fired.get(i) ? min[i] : start[i] + rows;
        }
        merged.put("run/dead", dead);
        return merged;
    }

    /** How many epochs the round touched. */
    int segments() {
        return alone != null ? alone.segments().size() : added.size();
    }

    /** The running sums of the {@code j}-th epoch the round touched, over all replicas. */
    double[] stats(int j) {
        if (alone != null) {
            return alone.segments().get(j).clone();
        }
        double[] s = added.get(j);
        double[] out = base(j, s.length).clone();
        for (int i = 0; i < s.length; i++) {
            out[i] += s[i];
        }
        out[4] = s[4] / count;
        return out;
    }

    /** Each replica's data cursor, in replica order. */
    long[] cursors() {
        return cursors.clone();
    }
}
