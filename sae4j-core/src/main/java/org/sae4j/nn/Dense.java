package org.sae4j.nn;

import java.util.List;
import org.sae4j.tensor.Kernels;
import org.sae4j.tensor.Rng;

/**
 * A fully connected layer with its activation: y = f(x·W + b), W stored [in, out] row-major so the
 * forward pass is one plain matrix product.
 */
public final class Dense implements Layer {
    private final Parameter weight;
    private final Parameter bias;
    private final Activation activation;
    private final Kernels kernels;

    private float[] lastInput;
    private float[] lastPreActivation;
    private float[] lastOutput;

    public Dense(String name, int in, int out, Activation activation, Kernels kernels) {
        this.weight = new Parameter(name + ".weight", new int[] {in, out}, true);
        this.bias = new Parameter(name + ".bias", new int[] {out}, false);
        this.activation = activation;
        this.kernels = kernels;
    }

    /** Glorot-uniform weights and zero biases, the Keras default, so results compare with Keras tutorials. */
    public void initGlorotUniform(Rng rng) {
        float limit = (float) Math.sqrt(6.0 / (inputSize() + outputSize()));
        float[] w = weight.value();
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.uniform(-limit, limit);
        }
        java.util.Arrays.fill(bias.value(), 0f);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public int inputSize() {
        return weight.shape()[0];
    }

    @Override
    public int outputSize() {
        return weight.shape()[1];
    }

    @Override
    public float[] forward(float[] x, int batch) {
        int in = inputSize();
        int out = outputSize();
        float[] z = new float[batch * out];
        kernels.matmul(x, weight.value(), z, batch, in, out, false);
        kernels.addToRows(z, bias.value(), batch, out);
        float[] y = activation == Activation.LINEAR ? z : new float[z.length];
        activation.forward(kernels, z, y);
        lastInput = x;
        lastPreActivation = z;
        lastOutput = y;
        return y;
    }

    @Override
    public float[] backward(float[] gradOut, int batch, boolean needInputGrad) {
        int in = inputSize();
        int out = outputSize();
        activation.backward(lastPreActivation, lastOutput, gradOut);
        kernels.matmulTransA(lastInput, gradOut, weight.grad(), batch, in, out, true);
        kernels.columnSums(gradOut, bias.grad(), batch, out, true);
        if (!needInputGrad) {
            return null;
        }
        float[] gradIn = new float[batch * in];
        kernels.matmulTransB(gradOut, weight.value(), gradIn, batch, out, in, false);
        return gradIn;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }
}
