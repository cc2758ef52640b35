package org.sae4j.model;

import org.sae4j.loss.KlSparsity;
import org.sae4j.loss.ReconstructionLoss;
import org.sae4j.nn.Activation;

/**
 * Fluent construction of an {@link Autoencoder}. Defaults follow the Keras tutorial's deep autoencoder:
 * encoder 128-64-32 with relu, mirrored decoder, sigmoid output, MSE, seed 42.
 */
public final class AutoencoderBuilder {
    private final int inputSize;
    private int[] encoderUnits = {128, 64, 32};
    private int[] decoderUnits;
    private Activation hiddenActivation = Activation.RELU;
    private Activation codeActivation;
    private Activation outputActivation = Activation.SIGMOID;
    private ReconstructionLoss loss = ReconstructionLoss.MSE;
    private KlSparsity kl;
    private double l1Activity;
    private double l1Weights;
    private double l2Weights;
    private long seed = 42;

    AutoencoderBuilder(int inputSize) {
        this.inputSize = inputSize;
    }

    /** Encoder widths after the input; the last one is the code size. */
    public AutoencoderBuilder encoder(int... units) {
        this.encoderUnits = units.clone();
        return this;
    }

    /** Hidden decoder widths before the output; by default the encoder's, mirrored. */
    public AutoencoderBuilder decoder(int... units) {
        this.decoderUnits = units.clone();
        return this;
    }

    /** Sets the activation of every hidden layer, the code layer included. */
    public AutoencoderBuilder activation(Activation activation) {
        this.hiddenActivation = activation;
        this.codeActivation = activation;
        return this;
    }

    public AutoencoderBuilder hiddenActivation(Activation activation) {
        this.hiddenActivation = activation;
        return this;
    }

    /** The code layer's activation; by default the hidden layers'. */
    public AutoencoderBuilder codeActivation(Activation activation) {
        this.codeActivation = activation;
        return this;
    }

    public AutoencoderBuilder outputActivation(Activation activation) {
        this.outputActivation = activation;
        return this;
    }

    public AutoencoderBuilder loss(ReconstructionLoss loss) {
        this.loss = loss;
        return this;
    }

    /** KL sparsity on the code layer: target mean activation rho, weight beta (code units must be sigmoid). */
    public AutoencoderBuilder klSparsity(double rho, double beta) {
        this.kl = new KlSparsity(rho, beta);
        return this;
    }

    public AutoencoderBuilder l1Activity(double lambda) {
        this.l1Activity = lambda;
        return this;
    }

    public AutoencoderBuilder l1Weights(double lambda) {
        this.l1Weights = lambda;
        return this;
    }

    public AutoencoderBuilder l2Weights(double lambda) {
        this.l2Weights = lambda;
        return this;
    }

    public AutoencoderBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    public ModelConfig config() {
        return new ModelConfig(inputSize, encoderUnits, decoderUnits, hiddenActivation,
                codeActivation == null ? hiddenActivation : codeActivation, outputActivation, loss, kl,
                l1Activity, l1Weights, l2Weights, seed);
    }

    public Autoencoder build() {
        return new Autoencoder(config());
    }
}
