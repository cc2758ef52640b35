package org.sae4j.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sae4j.InvalidInputException;
import org.sae4j.nn.Parameter;
import org.sae4j.nn.RowConstraint;
import org.sae4j.nn.RowConstraints;
import org.sae4j.tensor.ParallelRows;

/** Stochastic gradient descent with optional (Nesterov) momentum, in PyTorch's formulation. */
public final class Sgd implements Optimizer {
    private final double learningRate;
    private final double momentum;
    private final boolean nesterov;
    private final Map<Parameter, float[]> velocity = new IdentityHashMap<>();

    public Sgd(double learningRate, double momentum, boolean nesterov) {
        requirePositive("learning rate", learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InvalidInputException("Momentum " + momentum + " must lie in [0, 1).");
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void resetState(Parameter parameter, int from, int to) {
        float[] v = velocity.get(parameter);
        if (v != null) {
            java.util.Arrays.fill(v, from, to, 0f);
        }
    }

    @Override
    public void step(List<Parameter> parameters, double lrScale, RowConstraints constraints) {
        float lr = (float) (learningRate * lrScale);
        float mu = (float) momentum;
        for (Parameter p : parameters) {
            float[] w = p.value();
            float[] g = p.grad();
            float[] v = mu == 0f ? null : velocity.computeIfAbsent(p, k -> new float[k.size()]);
            RowConstraint c = constraints.of(p);
            if (c == null) {
                update(w, g, v, 0, w.length, lr, mu);
                continue;
            }
            int d = c.rowLength();
            ParallelRows.run(w.length / d, 1, 8L * w.length, (from, to) -> {
                for (int r = from; r < to; r += Adam.ROW_GROUP) {
                    int e = Math.min(to, r + Adam.ROW_GROUP);
                    c.project(w, g, r, e);
                    update(w, g, v, r * d, e * d, lr, mu);
                    c.restore(w, r, e);
                }
            });
        }
    }

    private void update(float[] w, float[] g, float[] v, int from, int to, float lr, float mu) {
        if (v == null) {
            for (int i = from; i < to; i++) {
                w[i] -= lr * g[i];
            }
            return;
        }
        for (int i = from; i < to; i++) {
            v[i] = mu * v[i] + g[i];
            w[i] -= lr * (nesterov ? g[i] + mu * v[i] : v[i]);
        }
    }

    @Override
    public String describe() {
        return "sgd(lr=" + learningRate + ", momentum=" + momentum + (nesterov ? ", nesterov" : "") + ")";
    }

    static void requirePositive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidInputException("The " + what + " is " + value + "; expected a finite number > 0.");
        }
    }

    @Override
    public float[][] state(Parameter parameter) {
        float[] v = velocity.get(parameter);
        return v == null ? null : new float[][] {v};
    }

    @Override
    public void restore(Parameter parameter, float[][] state) {
        if (state == null) {
            velocity.remove(parameter);
            return;
        }
        velocity.put(parameter, state[0].clone());
    }
}
