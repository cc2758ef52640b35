package org.sae4j.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sae4j.InvalidInputException;
import org.sae4j.nn.Parameter;

/** Adam (Kingma and Ba, 2015) with bias correction; defaults lr 1e-3, β1 0.9, β2 0.999, ε 1e-8 as in PyTorch. */
public final class Adam implements Optimizer {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
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
    public void step(List<Parameter> parameters, double lrScale) {
        t++;
        // StrictMath: the bias corrections must not depend on whether Math.pow is a JIT intrinsic yet.
        double c1 = 1 - StrictMath.pow(beta1, t);
        double c2 = 1 - StrictMath.pow(beta2, t);
        float stepSize = (float) (learningRate * lrScale / c1);
        float sqrtC2 = (float) Math.sqrt(c2);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float eps = (float) epsilon;
        for (Parameter p : parameters) {
            float[][] mv = moments.computeIfAbsent(p, k -> new float[][] {new float[k.size()], new float[k.size()]});
            float[] m = mv[0];
            float[] v = mv[1];
            float[] w = p.value();
            float[] g = p.grad();
            for (int i = 0; i < w.length; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                w[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) / sqrtC2 + eps);
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
