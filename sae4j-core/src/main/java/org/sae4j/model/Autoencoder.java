package org.sae4j.model;

import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.loss.ActivityPenalty;
import org.sae4j.loss.L1Activity;
import org.sae4j.loss.L1Weights;
import org.sae4j.loss.L2Weights;
import org.sae4j.loss.ReconstructionLoss;
import org.sae4j.loss.WeightPenalty;
import org.sae4j.nn.Activation;
import org.sae4j.nn.Dense;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.Kernels;
import org.sae4j.tensor.Rng;

/**
 * A dense autoencoder of feature learning: encoder layers down to a code, decoder layers back to the input
 * width, plus the penalties of its {@link ModelConfig}. Its code layer is its latent layer.
 */
public final class Autoencoder extends TrainedState {
    private final ModelConfig config;
    private final List<Dense> encoder = new ArrayList<>();
    private final List<Dense> decoder = new ArrayList<>();
    private final List<ActivityPenalty> activityPenalties = new ArrayList<>();
    private final List<WeightPenalty> weightPenalties = new ArrayList<>();
    private final List<Dense> layers;
    private final List<Parameter> parameters;

    /** A freshly initialised model (Glorot-uniform weights from {@code config.seed()}). */
    public Autoencoder(ModelConfig config) {
        this(config, Kernels.defaults());
    }

    public Autoencoder(ModelConfig config, Kernels kernels) {
        ModelSize.requireBuildable(config);
        this.config = config;
        int width = config.inputSize();
        int[] enc = config.encoderUnits();
        for (int i = 0; i < enc.length; i++) {
            Activation act = i == enc.length - 1 ? config.codeActivation() : config.hiddenActivation();
            encoder.add(new Dense("encoder." + i, width, enc[i], act, kernels));
            width = enc[i];
        }
        int[] dec = config.decoderUnits();
        for (int i = 0; i <= dec.length; i++) {
            boolean last = i == dec.length;
            int out = last ? config.inputSize() : dec[i];
            decoder.add(new Dense("decoder." + i, width, out, last ? config.outputActivation() : config.hiddenActivation(), kernels));
            width = out;
        }
        List<Dense> all = new ArrayList<>(encoder);
        all.addAll(decoder);
        layers = List.copyOf(all);
        parameters = layers.stream().flatMap(l -> l.parameters().stream()).toList();
        Rng rng = Rng.forPurpose(config.seed(), "init");
        layers.forEach(layer -> layer.initGlorotUniform(rng));
        if (config.kl() != null) {
            activityPenalties.add(config.kl());
        }
        if (config.l1Activity() > 0) {
            activityPenalties.add(new L1Activity(config.l1Activity()));
        }
        if (config.l1Weights() > 0) {
            weightPenalties.add(new L1Weights(config.l1Weights()));
        }
        if (config.l2Weights() > 0) {
            weightPenalties.add(new L2Weights(config.l2Weights()));
        }
    }

    public static AutoencoderBuilder builder(int inputSize) {
        return new AutoencoderBuilder(inputSize);
    }

    public ModelConfig config() {
        return config;
    }

    @Override
    public int inputSize() {
        return config.inputSize();
    }

    @Override
    public int latentSize() {
        return config.codeSize();
    }

    /** Sigmoid and tanh units never reach exactly zero, so they count as active above 0.1 in absolute value. */
    @Override
    public double activeThreshold() {
        Activation a = config.codeActivation();
        return a == Activation.SIGMOID || a == Activation.TANH ? 0.1 : 0.0;
    }

    @Override
    public String describe() {
        return config.describeShape() + " autoencoder";
    }

    /** Cross-entropy is only defined for targets in [0, 1]; say so before training rather than report NaN later. */
    @Override
    public void requireTrainable(Dataset train) {
        if (config.loss() != ReconstructionLoss.BINARY_CROSS_ENTROPY) {
            return;
        }
        float[] v = train.values();
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0f || v[i] > 1f) {
                throw new InvalidInputException(String.format("Binary cross-entropy needs values in [0, 1] but data '%s' "
                        + "holds %s at row %d, column %d after normalisation; use min-max scaling or the mse loss.",
                        train.name(), v[i], i / train.cols() + 1, i % train.cols() + 1));
            }
        }
    }

    @Override
    public String describeObjective() {
        StringBuilder sb = new StringBuilder(config.loss().id());
        if (config.kl() != null) {
            sb.append(String.format(" + KL(rho=%s, beta=%s)", config.kl().rho(), config.kl().beta()));
        }
        if (config.l1Activity() > 0) {
            sb.append(" + L1 activity ").append(config.l1Activity());
        }
        if (config.l1Weights() > 0) {
            sb.append(" + L1 weights ").append(config.l1Weights());
        }
        if (config.l2Weights() > 0) {
            sb.append(" + L2 weights ").append(config.l2Weights());
        }
        return sb.toString();
    }

    /** Encoder then decoder layers, in order. */
    public List<Dense> layers() {
        return layers;
    }

    /** Every parameter, layer by layer; the same list every call (the training loop asks once per batch). */
    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * FLOPs of one training sample (a multiply-add counts 2): forward x·W, backward dY·Wᵀ (skipped for the
     * first layer) and Xᵀ·dY. Elementwise work is left out; it is small next to the products.
     */
    @Override
    public double trainingFlopsPerSample() {
        double flops = 0;
        List<Dense> all = layers();
        for (int i = 0; i < all.size(); i++) {
            flops += 2.0 * all.get(i).inputSize() * all.get(i).outputSize() * (i == 0 ? 2 : 3);
        }
        return flops;
    }

    /** Codes of {@code batch} normalised rows. */
    @Override
    public float[] encode(float[] x, int batch) {
        for (Dense layer : encoder) {
            x = layer.forward(x, batch);
        }
        return x;
    }

    /** Reconstructions (in normalised units) of {@code batch} codes. */
    @Override
    public float[] decode(float[] code, int batch) {
        for (Dense layer : decoder) {
            code = layer.forward(code, batch);
        }
        return code;
    }

    public float[] reconstruct(float[] x, int batch) {
        return decode(encode(x, batch), batch);
    }

    /**
     * One forward and backward pass: fills every parameter's gradient (after zeroing it) and returns the loss
     * terms and the code activations of the batch.
     */
    @Override
    public BatchResult forwardBackward(float[] x, int batch, StepContext context) {
        parameters().forEach(Parameter::zeroGrad);
        float[] code = encode(x, batch);
        float[] out = decode(code, batch);
        float[] grad = new float[batch * config.inputSize()];
        double reconstruction = config.loss().evaluate(out, x, batch, config.inputSize(), grad);
        for (int i = decoder.size() - 1; i >= 0; i--) {
            grad = decoder.get(i).backward(grad, batch, true);
        }
        // The trainer's sparsity scale (a sparsity controller) multiplies the activity penalties, not weight decay.
        double scale = context.sparsityScale();
        float[] activityGrad = scale == 1 ? grad : new float[grad.length];
        double activity = 0;
        for (ActivityPenalty p : activityPenalties) {
            activity += p.evaluate(code, batch, config.codeSize(), activityGrad);
        }
        if (activityGrad != grad) {
            for (int i = 0; i < grad.length; i++) {
                grad[i] += (float) (scale * activityGrad[i]);
            }
        }
        double penalty = scale * activity;
        for (int i = encoder.size() - 1; i >= 0; i--) {
            grad = encoder.get(i).backward(grad, batch, i > 0);
        }
        for (Dense layer : layers()) {
            for (WeightPenalty p : weightPenalties) {
                penalty += p.evaluate(layer.weight().value(), layer.weight().grad());
            }
        }
        return BatchResult.dense(reconstruction, penalty, 0, out, code);
    }

    /** The total objective of a batch without touching gradients (for checks and validation). */
    @Override
    public BatchResult evaluate(float[] x, int batch) {
        float[] code = encode(x, batch);
        float[] out = decode(code, batch);
        double reconstruction = config.loss().evaluate(out, x, batch, config.inputSize(), null);
        double penalty = 0;
        for (ActivityPenalty p : activityPenalties) {
            penalty += p.evaluate(code, batch, config.codeSize(), null);
        }
        for (Dense layer : layers()) {
            for (WeightPenalty p : weightPenalties) {
                penalty += p.evaluate(layer.weight().value(), null);
            }
        }
        return BatchResult.dense(reconstruction, penalty, 0, out, code);
    }
}
