package org.sae4j.model;

import java.util.Arrays;
import org.sae4j.InvalidInputException;
import org.sae4j.loss.KlSparsity;
import org.sae4j.loss.ReconstructionLoss;
import org.sae4j.nn.Activation;

/**
 * Everything that defines an autoencoder's architecture and objective; saved in every model file.
 *
 * <p>The encoder maps {@code inputSize} through {@code encoderUnits} (the last entry is the code size);
 * the decoder maps the code through {@code decoderUnits} back to {@code inputSize}. The training objective is
 * {@code loss + kl + l1Activity·mean Σ|code| + l1Weights·Σ|W| + l2Weights·ΣW²}, weight penalties summed over
 * every kernel (never biases), activity penalties on the code layer.
 *
 * @param kl the KL sparsity penalty on the code layer, or null for none
 * @param seed the seed of the initial weights
 */
public record ModelConfig(
        int inputSize,
        int[] encoderUnits,
        int[] decoderUnits,
        Activation hiddenActivation,
        Activation codeActivation,
        Activation outputActivation,
        ReconstructionLoss loss,
        KlSparsity kl,
        double l1Activity,
        double l1Weights,
        double l2Weights,
        long seed) {

    public ModelConfig {
        if (inputSize <= 0) {
            throw new InvalidInputException("Input size " + inputSize + " is invalid; expected a positive width.");
        }
        if (encoderUnits == null || encoderUnits.length == 0) {
            throw new InvalidInputException("The encoder has no layers; expected at least the code size, e.g. 32.");
        }
        decoderUnits = decoderUnits == null ? mirror(encoderUnits) : decoderUnits;
        requirePositive("encoder", encoderUnits);
        requirePositive("decoder", decoderUnits);
        if (kl != null && !codeActivation.isUnitInterval()) {
            throw new InvalidInputException("The KL sparsity penalty needs code units with outputs in (0, 1) but the code "
                    + "activation is " + codeActivation.id() + "; use a sigmoid code activation or L1 activity sparsity.");
        }
        if (loss == ReconstructionLoss.BINARY_CROSS_ENTROPY && !outputActivation.isUnitInterval()) {
            throw new InvalidInputException("Binary cross-entropy needs outputs in (0, 1) but the output activation is "
                    + outputActivation.id() + "; use a sigmoid output activation or the mse loss.");
        }
        new org.sae4j.loss.L1Activity(l1Activity);
        new org.sae4j.loss.L1Weights(l1Weights);
        new org.sae4j.loss.L2Weights(l2Weights);
    }

    public int codeSize() {
        return encoderUnits[encoderUnits.length - 1];
    }

    /** The usual symmetric decoder: the encoder's hidden widths in reverse, e.g. 128,64,32 → 64,128. */
    public static int[] mirror(int[] encoderUnits) {
        int[] out = new int[encoderUnits.length - 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = encoderUnits[encoderUnits.length - 2 - i];
        }
        return out;
    }

    /** Human-readable shape, e.g. "784-128-64-32-64-128-784". */
    public String describeShape() {
        StringBuilder sb = new StringBuilder().append(inputSize);
        for (int u : encoderUnits) {
            sb.append('-').append(u);
        }
        for (int u : decoderUnits) {
            sb.append('-').append(u);
        }
        return sb.append('-').append(inputSize).toString();
    }

    private static void requirePositive(String where, int[] units) {
        for (int u : units) {
            if (u <= 0) {
                throw new InvalidInputException("The " + where + " layer sizes " + Arrays.toString(units)
                        + " include " + u + "; expected positive widths.");
            }
        }
    }

    // Records compare arrays by identity; models compare configs, so compare contents.
    @Override
    public boolean equals(Object o) {
        return o instanceof ModelConfig c && inputSize == c.inputSize && Arrays.equals(encoderUnits, c.encoderUnits)
                && Arrays.equals(decoderUnits, c.decoderUnits) && hiddenActivation == c.hiddenActivation
                && codeActivation == c.codeActivation && outputActivation == c.outputActivation && loss == c.loss
                && java.util.Objects.equals(kl, c.kl) && l1Activity == c.l1Activity && l1Weights == c.l1Weights
                && l2Weights == c.l2Weights && seed == c.seed;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(inputSize, Arrays.hashCode(encoderUnits), Arrays.hashCode(decoderUnits),
                hiddenActivation, codeActivation, outputActivation, loss, kl, l1Activity, l1Weights, l2Weights, seed);
    }

    @Override
    public String toString() {
        return "ModelConfig[" + describeShape() + ", hidden=" + hiddenActivation.id() + ", code=" + codeActivation.id()
                + ", output=" + outputActivation.id() + ", loss=" + loss.id() + ", kl=" + kl + ", l1Activity=" + l1Activity
                + ", l1Weights=" + l1Weights + ", l2Weights=" + l2Weights + ", seed=" + seed + "]";
    }
}
