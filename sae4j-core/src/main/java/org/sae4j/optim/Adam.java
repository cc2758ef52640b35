package org.sae4j.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sae4j.InvalidInputException;
import org.sae4j.nn.Parameter;
import org.sae4j.nn.RowConstraint;
import org.sae4j.nn.RowConstraints;
import org.sae4j.tensor.ParallelRows;

/**
 * Adam (Kingma and Ba, 2015) with bias correction; defaults lr 1e-3, β1 0.9, β2 0.999, ε 1e-8 as in PyTorch.
 *
 * <p>Moments below {@link #TINY} are set to zero every {@link #FLUSH_EVERY} steps: those of latents that never fire otherwise decay into the
 * denormal range within ~800 steps, where every multiply costs ~100 cycles; their update was already below
 * 1e-20. The update is element-wise, so splitting it over threads cannot change a bit.
 */
public final class Adam implements Optimizer {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    static final float TINY = 1e-30f;
    static final int FLUSH_EVERY = 64;
    /** Elements per parallel block. */
    private static final int BLOCK = 1 << 14;
    /**
     * Rows of a constrained parameter taken through projection, update and restore together: their value, gradient
     * and moments (4 × 4 × 768 floats at d = 768, 48 KB) stay in the core's cache between the three.
     */
    static final int ROW_GROUP = 4;
    private final Map<Parameter, float[][]> moments = new IdentityHashMap<>();
    private long t;

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        Sgd.requirePositive("learning rate", learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new InvalidInputException("Adam betas (" + beta1 + ", " + beta2 + ") must lie in [0, 1).");
        }
        Sgd.requirePositive("Adam epsilon", epsilon);
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    public Adam() {
        this(1e-3);
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void resetState(Parameter parameter, int from, int to) {
        float[][] mv = moments.get(parameter);
        if (mv != null) {
            java.util.Arrays.fill(mv[0], from, to, 0f);
            java.util.Arrays.fill(mv[1], from, to, 0f);
        }
    }

    @Override
    public void step(List<Parameter> parameters, double lrScale, RowConstraints constraints) {
        t++;
        // StrictMath: the bias corrections must not depend on whether Math.pow is a JIT intrinsic yet.
        double c1 = 1 - StrictMath.pow(beta1, t);
        double c2 = 1 - StrictMath.pow(beta2, t);
        float stepSize = (float) (learningRate * lrScale / c1);
        float sqrtC2 = (float) Math.sqrt(c2);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float eps = (float) epsilon;
        boolean flush = t % FLUSH_EVERY == 0;
        for (Parameter p : parameters) {
            float[][] mv = moments.computeIfAbsent(p, k -> new float[][] {new float[k.size()], new float[k.size()]});
            float[] m = mv[0];
            float[] v = mv[1];
            float[] w = p.value();
            float[] g = p.grad();
            RowConstraint c = constraints.of(p);
            if (c == null) {
                ParallelRows.run(w.length, BLOCK, 16L * w.length, (from, to) ->
                        update(w, g, m, v, from, to, b1, b2, stepSize, sqrtC2, eps, flush));
                continue;
            }
            int d = c.rowLength();
            ParallelRows.run(w.length / d, 1, 24L * w.length, (from, to) -> {
                for (int r = from; r < to; r += ROW_GROUP) {
                    int e = Math.min(to, r + ROW_GROUP);
                    c.project(w, g, r, e);
                    update(w, g, m, v, r * d, e * d, b1, b2, stepSize, sqrtC2, eps, flush);
                    c.restore(w, r, e);
                }
            });
        }
    }

    private static void update(float[] w, float[] g, float[] m, float[] v, int from, int to, float b1, float b2,
                               float stepSize, float sqrtC2, float eps, boolean flush) {
        // Branch-free so C2 vectorises it; the flush runs every FLUSH_EVERY steps, often enough that a moment
        // above TINY cannot decay below the smallest normal float (1.2e-38) in between (0.9^64 ≈ 1e-3).
        for (int i = from; i < to; i++) {
            float mi = b1 * m[i] + (1 - b1) * g[i];
            float vi = b2 * v[i] + (1 - b2) * g[i] * g[i];
            m[i] = mi;
            v[i] = vi;
            w[i] -= stepSize * mi / ((float) Math.sqrt(vi) / sqrtC2 + eps);
        }
        if (flush) {
            for (int i = from; i < to; i++) {
                if (Math.abs(m[i]) < TINY) {
                    m[i] = 0f;
                }
                if (v[i] < TINY) {
                    v[i] = 0f;
                }
            }
        }
    }

    @Override
    public String describe() {
        return "adam(lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + epsilon + ")";
    }

    @Override
    public float[][] state(Parameter parameter) {
        return moments.get(parameter);
    }

    @Override
    public void restore(Parameter parameter, float[][] state) {
        if (state == null) {
            moments.remove(parameter);
            return;
        }
        moments.put(parameter, new float[][] {state[0].clone(), state[1].clone()});
    }

    @Override
    public long steps() {
        return t;
    }

    @Override
    public void restoreSteps(long steps) {
        t = steps;
    }
}
