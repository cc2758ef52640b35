package org.sae4j.cli;

import org.sae4j.InvalidInputException;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.AutoencoderBuilder;
import org.sae4j.nn.Activation;
import org.sae4j.loss.ReconstructionLoss;
import picocli.CommandLine.Option;

/** The options that define a network and its penalties, shared by {@code train} and {@code sweep}. */
final class ModelFlags {
    /** Option names that redefine a model, refused with {@code --resume}. */
    static final String[] NAMES = {"--preset", "--encoder", "--decoder", "--activation", "--code-activation",
        "--output-activation", "--loss", "--rho", "--beta", "--l1-activity", "--l1-weights", "--l2-weights"};

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "deep-kl",
            description = "deep, deep-kl (default), tanh-l1 or classic (see below).")
    String preset;

    @Option(names = "--encoder", split = ",", paramLabel = "UNITS",
            description = "Encoder widths after the input; the last is the code size (default 128,64,32).")
    int[] encoder;

    @Option(names = "--decoder", split = ",", paramLabel = "UNITS",
            description = "Hidden decoder widths (default: the encoder's mirrored).")
    int[] decoder;

    @Option(names = "--activation", paramLabel = "NAME", description = "Hidden units: relu, sigmoid, tanh or linear (default relu).")
    String activation;

    @Option(names = "--code-activation", paramLabel = "NAME", description = "Code units (default: as --activation).")
    String codeActivation;

    @Option(names = "--output-activation", paramLabel = "NAME", description = "Output units (default sigmoid).")
    String outputActivation;

    @Option(names = "--loss", paramLabel = "NAME", description = "mse, bce (binary cross-entropy) or sse (per-sample half sum of squares; default mse).")
    String loss;

    @Option(names = "--rho", paramLabel = "RHO", description = "KL sparsity: target mean activation of each code unit, in (0,1).")
    Double rho;

    @Option(names = "--beta", paramLabel = "BETA", description = "KL sparsity weight (default: the preset's, else 3).")
    Double beta;

    @Option(names = "--l1-activity", paramLabel = "LAMBDA", description = "L1 penalty on code activations.")
    Double l1Activity;

    @Option(names = "--l1-weights", paramLabel = "LAMBDA", description = "L1 penalty on all weight matrices.")
    Double l1Weights;

    @Option(names = "--l2-weights", paramLabel = "LAMBDA", description = "L2 penalty (weight decay) on all weight matrices.")
    Double l2Weights;

    /** A builder for {@code inputSize}-wide data with these flags applied over the preset. */
    AutoencoderBuilder builder(int inputSize, long seed) {
        AutoencoderBuilder b = Autoencoder.builder(inputSize).seed(seed);
        Preset p = Preset.parse(preset);
        p.apply(b);
        if (encoder != null) {
            b.encoder(encoder);
        }
        if (decoder != null) {
            b.decoder(decoder);
        }
        if (activation != null) {
            b.hiddenActivation(Activation.parse(activation));
            if (p.codeActivation == null) {
                b.codeActivation(Activation.parse(activation));
            }
        }
        if (codeActivation != null) {
            b.codeActivation(Activation.parse(codeActivation));
        }
        if (outputActivation != null) {
            b.outputActivation(Activation.parse(outputActivation));
        }
        if (loss != null) {
            b.loss(ReconstructionLoss.parse(loss));
        }
        if (rho != null || beta != null) {
            if (rho == null && p.kl == null) {
                throw new InvalidInputException("--beta " + beta + " was given without --rho, and preset '" + p.id
                        + "' has no KL penalty to adjust; give --rho too.");
            }
            b.klSparsity(rho != null ? rho : p.kl.rho(), beta != null ? beta : p.kl != null ? p.kl.beta() : 3.0);
        }
        if (l1Activity != null) {
            b.l1Activity(l1Activity);
        }
        if (l1Weights != null) {
            b.l1Weights(l1Weights);
        }
        if (l2Weights != null) {
            b.l2Weights(l2Weights);
        }
        return b;
    }
}
