package org.sae4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Normalizer;
import org.sae4j.model.EpochStats;
import org.sae4j.model.Model;
import org.sae4j.nn.Parameter;
import org.sae4j.optim.Optimizer;
import org.sae4j.tensor.NamedArrays;

/**
 * The whole state of a training run as {@link NamedArrays}: what a resumed run restores, what a diverged step
 * rolls back to, and what a data-parallel round broadcasts and reduces. The names:
 * <ul>
 *   <li>{@code param/NAME}: the model's parameters; {@code buffer/NAME}: its buffers ({@link Model#buffers()});
 *       {@code normalizer/...} and {@code history}: its normaliser and lifetime history;</li>
 *   <li>{@code optim/NAME/i}: the optimizer's i-th state array of a parameter (Adam's moments);
 *       {@code optim/steps}: its step count;</li>
 *   <li>{@code run/...}: the loop's own position, plan, data cursor, dead-latent counters, sparsity controller and
 *       running epoch sums, added by the run ({@link TrainRun}).</li>
 * </ul>
 * Each name has one {@link Merge} rule, so replicas that trained on different rows combine into one state.
 */
public final class TrainState {
    static final String FORMAT = "sae4j-checkpoint 1";

    /** How replicas' values of one entry combine. */
    public enum Merge {
        /** The mean (parameters, buffers, optimizer moments, the controller): model averaging, as local SGD does. */
        MEAN,
        /** The sum (running epoch sums: each replica counted its own rows). */
        SUM,
        /** The minimum (samples since each latent fired: a latent that fired on any replica is alive). */
        MIN,
        /** The same on every replica (format, plan, position, history, normaliser); the first is kept. */
        SAME
    }

    private TrainState() {
    }

    /** The rule of entry {@code name}. */
    public static Merge ruleFor(String name) {
        if (name.startsWith("param/") || name.startsWith("buffer/") || name.equals("run/control")
                || (name.startsWith("optim/") && !name.equals("optim/steps"))) {
            return Merge.MEAN;
        }
        if (name.equals("run/stats")) {
            return Merge.SUM;
        }
        if (name.equals("run/dead")) {
            return Merge.MIN;
        }
        return Merge.SAME;
    }

    /**
     * One state from replicas that started a round from the same state and trained on different rows. Entries of
     * the {@link Merge#SAME} rule must agree (the data cursor may not: each replica reads its own rows, and the
     * first replica's is kept).
     */
    public static NamedArrays merge(List<NamedArrays> replicas) {
        NamedArrays merged = replicas.get(0).copy();
        for (String name : merged.names()) {
            Merge rule = ruleFor(name);
            for (NamedArrays r : replicas.subList(1, replicas.size())) {
                combine(name, merged, r);
            }
            if (rule == Merge.MEAN && replicas.size() > 1) {
                merged.scale(name, 1.0 / replicas.size());
            }
        }
        return merged;
    }

    /**
     * As {@link #merge(List)}, with the {@link Merge#MEAN} entries weighted: replica r counts {@code weights[r]}
     * (the rows it trained on), so a replica that saw more rows pulls the average further, as one machine stepping
     * through all of them would. Sums run in double, in replica order, so the same replicas give the same bits.
     * One replica's state comes back as it is.
     */
    public static NamedArrays merge(List<NamedArrays> replicas, double[] weights) {
        if (weights.length != replicas.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + replicas.size() + " replicas");
        }
        if (replicas.size() == 1) {
            return replicas.get(0).copy();
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        NamedArrays merged = replicas.get(0).copy();
        for (String name : merged.names()) {
            Merge rule = ruleFor(name);
            if (rule == Merge.MEAN) {
                weightedMean(name, replicas, weights, total, merged);
                continue;
            }
            for (NamedArrays r : replicas.subList(1, replicas.size())) {
                combine(name, merged, r);
            }
        }
        return merged;
    }

    private static void weightedMean(String name, List<NamedArrays> replicas, double[] weights, double total,
                                     NamedArrays into) {
        Object first = into.get(name);
        int n = java.lang.reflect.Array.getLength(first);
        double[] sum = new double[n];
        for (int r = 0; r < replicas.size(); r++) {
            Object v = replicas.get(r).get(name);
            if (v == null || v.getClass() != first.getClass() || java.lang.reflect.Array.getLength(v) != n) {
                throw new IllegalArgumentException("'" + name + "' is missing or of another shape in replica " + r);
            }
            double w = weights[r] / total;
            if (v instanceof float[] f) {
                for (int i = 0; i < n; i++) {
                    sum[i] += w * f[i];
                }
            } else {
                double[] d = (double[]) v;
                for (int i = 0; i < n; i++) {
                    sum[i] += w * d[i];
                }
            }
        }
        if (first instanceof float[]) {
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = (float) sum[i];
            }
            into.put(name, out);
        } else {
            into.put(name, sum);
        }
    }

    /** The model and optimizer half of a state: weights, buffers, normaliser, history and optimizer state. */
    public static NamedArrays of(Model model, Optimizer optimizer) {
        NamedArrays s = new NamedArrays();
        s.put("format", FORMAT);
        for (Parameter p : model.parameters()) {
            s.put("param/" + p.name(), p.value());
            float[][] state = optimizer.state(p);
            if (state != null) {
                for (int i = 0; i < state.length; i++) {
                    s.put("optim/" + p.name() + "/" + i, state[i]);
                }
            }
        }
        s.put("optim/steps", new long[] {optimizer.steps()});
        model.buffers().forEach((name, v) -> s.put("buffer/" + name, v));
        Normalizer n = model.normalizer();
        s.put("normalizer/kind", n.kind().name());
        s.put("normalizer/offset", n.offset());
        s.put("normalizer/scale", n.scale());
        s.put("history", EpochStats.rows(model.history()));
        return s;
    }

    /** Puts a saved state into a model and optimizer built from the same settings. */
    public static void restore(NamedArrays s, Model model, Optimizer optimizer) {
        if (!FORMAT.equals(s.text("format"))) {
            throw new InvalidInputException("The checkpoint has format '" + s.text("format") + "'; expected '" + FORMAT + "'.");
        }
        for (Parameter p : model.parameters()) {
            float[] v = s.floats("param/" + p.name());
            if (v.length != p.size()) {
                throw new InvalidInputException("The checkpoint's " + p.name() + " has " + v.length + " values but the model's has "
                        + p.size() + "; expected a checkpoint of this run.");
            }
            System.arraycopy(v, 0, p.value(), 0, v.length);
            List<float[]> state = new ArrayList<>();
            for (int i = 0; s.has("optim/" + p.name() + "/" + i); i++) {
                state.add(s.floats("optim/" + p.name() + "/" + i));
            }
            optimizer.restore(p, state.isEmpty() ? null : state.toArray(new float[0][]));
        }
        optimizer.restoreSteps(s.longs("optim/steps")[0]);
        for (Map.Entry<String, float[]> b : model.buffers().entrySet()) {
            model.setBuffer(b.getKey(), s.floats("buffer/" + b.getKey()));
        }
        model.setNormalizer(new Normalizer(Normalizer.Kind.valueOf(s.text("normalizer/kind")),
                s.floats("normalizer/offset"), s.floats("normalizer/scale")));
        model.setHistory(EpochStats.fromRows(s.doubles("history")));
    }

    /**
     * Combines {@code other}'s entry {@code name} into {@code into}'s by the entry's rule, the one place the rules are
     * applied: {@link Merge#MEAN} and {@link Merge#SUM} entries added (a mean's division is the caller's, who knows
     * the weights), {@link Merge#MIN} entries the smaller, {@link Merge#SAME} entries required equal (the data cursor
     * excepted: each replica reads its own rows, and {@code into}'s is kept).
     */
    static void combine(String name, NamedArrays into, NamedArrays other) {
        switch (ruleFor(name)) {
            case MEAN, SUM -> into.addInto(name, other);
            case MIN -> {
                long[] a = into.longs(name);
                long[] b = other.longs(name);
                for (int i = 0; i < a.length; i++) {
                    a[i] = Math.min(a[i], b[i]);
                }
            }
            case SAME -> {
                if (!name.equals("run/cursor") && !into.equalAt(name, other)) {
                    throw new IllegalArgumentException("replicas disagree on '" + name + "', which must be the same on all");
                }
            }
        }
    }
}
