package org.sae4j.train;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Set;
import org.sae4j.tensor.NamedArrays;

/**
 * A weighted merge of training states that can itself be merged, so replicas combine in a tree instead of all at
 * once: each {@link TrainState.Merge#MEAN} entry is held as the weighted sum Σ w_r·v_r in double with the total
 * weight Σ w_r, and divided only by {@link #mean()}; {@code SUM}, {@code MIN} and {@code SAME} entries combine as
 * {@link TrainState#merge(java.util.List, double[])} combines them. With integer weights below 2^29 (rows) each
 * w·v of a float is exact in double, so the only roundings are the additions: merged in a fixed order, the same
 * replicas give the same bits however the merges were scheduled.
 */
public final class StateSum implements Serializable {
    private static final long serialVersionUID = 1L;
    private final NamedArrays sums;
    /** The MEAN entries that are floats in the state (held in double here, returned as floats). */
    private final Set<String> floats;
    private final double weight;

    private StateSum(NamedArrays sums, Set<String> floats, double weight) {
        this.sums = sums;
        this.floats = floats;
        this.weight = weight;
    }

    /** One replica's state, counting {@code weight} (the rows it trained on, positive). */
    public static StateSum of(NamedArrays state, double weight) {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("weight " + weight);
        }
        NamedArrays sums = new NamedArrays();
        Set<String> floats = new LinkedHashSet<>();
        for (String name : state.names()) {
            Object v = state.get(name);
            if (TrainState.ruleFor(name) != TrainState.Merge.MEAN) {
                putAsIs(sums, name, v);
                continue;
            }
            double[] s;
            if (v instanceof float[] f) {
                floats.add(name);
                s = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    s[i] = weight * f[i];
                }
            } else {
                double[] d = (double[]) v;
                s = new double[d.length];
                for (int i = 0; i < d.length; i++) {
                    s[i] = weight * d[i];
                }
            }
            sums.put(name, s);
        }
        return new StateSum(sums, floats, weight);
    }

    /**
     * This sum and {@code right}'s (the replicas after this one's), as a new sum: weighted sums and SUM entries
     * added left + right, MIN entries the smaller, SAME entries required equal (the data cursor excepted: the
     * left's is kept), all by {@link TrainState}'s one set of rules.
     */
    public StateSum plus(StateSum right) {
        NamedArrays out = sums.copy();
        for (String name : out.names()) {
            TrainState.combine(name, out, right.sums);
        }
        return new StateSum(out, floats, weight + right.weight);
    }

    /** The total weight: rows of every replica in the sum. */
    public double weight() {
        return weight;
    }

    /** The merged state: each MEAN entry's weighted sum divided by the total weight (floats rounded once). */
    public NamedArrays mean() {
        NamedArrays out = new NamedArrays();
        for (String name : sums.names()) {
            Object v = sums.get(name);
            if (TrainState.ruleFor(name) != TrainState.Merge.MEAN) {
                putAsIs(out, name, v);
                continue;
            }
            double[] s = (double[]) v;
            if (floats.contains(name)) {
                float[] f = new float[s.length];
                for (int i = 0; i < s.length; i++) {
                    f[i] = (float) (s[i] / weight);
                }
                out.put(name, f);
            } else {
                double[] d = new double[s.length];
                for (int i = 0; i < s.length; i++) {
                    d[i] = s[i] / weight;
                }
                out.put(name, d);
            }
        }
        return out;
    }

    private static void putAsIs(NamedArrays into, String name, Object v) {
        if (v instanceof float[] f) {
            into.put(name, f);
        } else if (v instanceof double[] d) {
            into.put(name, d);
        } else if (v instanceof long[] l) {
            into.put(name, l);
        } else {
            into.put(name, (String) v);
        }
    }
}
