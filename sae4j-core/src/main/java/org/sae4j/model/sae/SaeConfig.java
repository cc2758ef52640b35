package org.sae4j.model.sae;

import java.util.Arrays;
import org.sae4j.InvalidInputException;

/**
 * Everything that defines a dictionary-learning SAE and its objective; saved in every model file.
 *
 * @param inputSize           d_in, the width of the activation vectors
 * @param width               number of latents (d_sae)
 * @param k                   latents kept per sample (topk, batchtopk, matryoshka); 0 otherwise
 * @param coefficient         the sparsity coefficient λ (standard, jumprelu, gated); 0 otherwise
 * @param targetL0            jumprelu's quadratic mode λ·(L0/L* − 1)²; NaN for the step mode λ·L0
 * @param bandwidth           jumprelu's rectangle-kernel bandwidth ε; NaN: calibrated on the first data (see
 *                            {@link JumpReluSae#calibrate})
 * @param initialThreshold    jumprelu's θ at initialisation; NaN: calibrated on the first data
 * @param groups              matryoshka's nested group sizes, summing to width; empty otherwise
 * @param auxK                latents of the AuxK loss (0 for none); by convention d_in / 2
 * @param auxCoefficient      weight of the AuxK loss: 1/8 by default, 4x OpenAI's 1/32 (see {@link #AUX_COEFFICIENT})
 * @param preActCoefficient   jumprelu: weight c of the dead latents' pre-activation loss ({@link PreActivationLoss}),
 *                            0 for none; 0 for the other architectures
 * @param applyBDecToInput    whether the encoder sees x − b_dec (OpenAI, sparsify) rather than x
 * @param decoderInitNorm     norm of each decoder row at initialisation (1 for the k-sparse families, 0.1 else)
 * @param seed                seed of the initial weights
 * @param targetSize          d_out of a transcoder, whose decoder writes a target other than its input; 0 for an SAE,
 *                            whose target is its input
 * @param skip                a skip transcoder: a linear W_skip [d_out, d_in] from input to output besides the latents
 */
public record SaeConfig(Architecture architecture, int inputSize, int width, int k, double coefficient,
                        double targetL0, double bandwidth, double initialThreshold, int[] groups, int auxK,
                        double auxCoefficient, double preActCoefficient, boolean applyBDecToInput, double decoderInitNorm, long seed,
                        int targetSize, boolean skip) {

    public SaeConfig {
        if (inputSize <= 0) {
            throw new InvalidInputException("Input size " + inputSize + " is invalid; expected a positive width.");
        }
        if (targetSize < 0) {
            throw new InvalidInputException("Target size " + targetSize + " is invalid; expected d_out > 0 for a "
                    + "transcoder or 0 for an SAE.");
        }
        if (skip && targetSize == 0) {
            throw new InvalidInputException("A skip connection maps inputs to other targets, so it needs a transcoder; "
                    + "give target data (--target-data) or drop --skip.");
        }
        if (applyBDecToInput && targetSize > 0) {
            throw new InvalidInputException("A transcoder's b_dec lives in its output space, so it cannot be subtracted "
                    + "from its input; drop apply_b_dec_to_input.");
        }
        if (width <= 0) {
            throw new InvalidInputException("SAE width " + width + " is invalid; expected a positive number of latents.");
        }
        if (architecture.usesK()) {
            if (k <= 0 || k > width) {
                throw new InvalidInputException("k = " + k + " is invalid for a " + architecture.id() + " SAE of width "
                        + width + "; expected 1 <= k <= width.");
            }
        }
        requireFinite("coefficient", coefficient);
        if (coefficient < 0) {
            throw new InvalidInputException("Sparsity coefficient " + coefficient + " is invalid; expected lambda >= 0.");
        }
        if (!Double.isNaN(targetL0) && !(targetL0 > 0 && targetL0 <= width)) {
            throw new InvalidInputException("Target L0 " + targetL0 + " is invalid; expected 0 < target <= width (" + width + ").");
        }
        if (architecture == Architecture.JUMPRELU) {
            if (!Double.isNaN(bandwidth) && !(bandwidth > 0 && Double.isFinite(bandwidth))) {
                throw new InvalidInputException("JumpReLU bandwidth " + bandwidth + " is invalid; expected epsilon > 0.");
            }
            if (!Double.isNaN(initialThreshold) && !(initialThreshold > 0 && Double.isFinite(initialThreshold))) {
                throw new InvalidInputException("JumpReLU threshold " + initialThreshold + " is invalid; expected theta > 0.");
            }
        }
        groups = groups == null ? new int[0] : groups.clone();
        if (architecture == Architecture.MATRYOSHKA) {
            long sum = 0;
            for (int g : groups) {
                if (g <= 0) {
                    throw new InvalidInputException("Matryoshka group sizes " + Arrays.toString(groups)
                            + " include " + g + "; expected positive sizes.");
                }
                sum += g;
            }
            if (groups.length == 0 || sum != width) {
                throw new InvalidInputException("Matryoshka group sizes " + Arrays.toString(groups) + " sum to " + sum
                        + "; expected them to sum to the width " + width + ".");
            }
        }
        if (auxK < 0 || auxK > width) {
            throw new InvalidInputException("AuxK " + auxK + " is invalid; expected 0 <= k_aux <= width (" + width + ").");
        }
        requireFinite("AuxK coefficient", auxCoefficient);
        if (!(preActCoefficient >= 0) || Double.isInfinite(preActCoefficient)) {
            throw new InvalidInputException("Pre-activation loss coefficient " + preActCoefficient
                    + " is invalid; expected a finite number >= 0.");
        }
        if (preActCoefficient > 0 && architecture != Architecture.JUMPRELU) {
            throw new InvalidInputException("A pre-activation loss coefficient is for jumprelu SAEs; this one is "
                    + architecture.id() + ".");
        }
        if (!(decoderInitNorm > 0) || !Double.isFinite(decoderInitNorm)) {
            throw new InvalidInputException("Decoder init norm " + decoderInitNorm + " is invalid; expected a positive number.");
        }
    }

    /**
     * The default AuxK weight. OpenAI's 1/32 was set for runs of many thousands of steps; in runs of about a thousand
     * (issue 18's recovery tasks against PyTorch's reference trainer, seeds 43-45) 1/8 revived latents sooner and
     * raised MMCS on every Zipf shape (96-d 0.9592 to 0.9677, 64-d 0.9625 to 0.9668, 256-d 0.6847 to 0.6897) with
     * FVU as good or better and the uniform shape unchanged; 1/4 and 1/2 added little more on the 64-d one.
     */
    public static final double AUX_COEFFICIENT = 1.0 / 8;

    /** Sensible defaults for an architecture; {@link SaeBuilder} is the friendly way to change them. */
    public static SaeConfig defaults(Architecture architecture, int inputSize, int width) {
        boolean kSparse = architecture.usesK();
        int k = kSparse ? Math.min(32, width) : 0;
        double coefficient = switch (architecture) {
            case STANDARD, GATED -> 1e-3;
            // The L0 term's pull reaches the encoder (JumpReluSae): 1e-3 silenced 91% of the latents on the
            // embedded Fashion-MNIST default, 1e-4 gives L0 26 of 256 there, near standard's default.
            case JUMPRELU -> 1e-4;
            default -> 0;
        };
        int[] groups = architecture == Architecture.MATRYOSHKA ? SaeBuilder.doublingGroups(width) : new int[0];
        int auxK = kSparse ? Math.max(1, Math.min(width, inputSize / 2)) : 0;
        double preAct = architecture == Architecture.JUMPRELU ? JumpReluSae.PRE_ACT_COEFFICIENT : 0;
        return new SaeConfig(architecture, inputSize, width, k, coefficient, Double.NaN, Double.NaN, Double.NaN, groups, auxK,
                AUX_COEFFICIENT, preAct, true, kSparse ? 1.0 : 0.1, 42, 0, false);
    }

    /** Whether this is a transcoder: its decoder writes a target of its own rather than the input. */
    public boolean transcoder() {
        return targetSize > 0;
    }

    /** Width of the reconstruction: d_out for a transcoder, d_in for an SAE. */
    public int outputSize() {
        return targetSize > 0 ? targetSize : inputSize;
    }

    /** Whether training adds the AuxK loss. */
    public boolean usesAuxK() {
        return architecture.usesK() && auxK > 0 && auxCoefficient > 0;
    }

    private static void requireFinite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new InvalidInputException(what + " " + v + " is invalid; expected a finite number.");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaeConfig c && architecture == c.architecture && inputSize == c.inputSize && width == c.width
                && k == c.k && Double.compare(coefficient, c.coefficient) == 0 && Double.compare(targetL0, c.targetL0) == 0
                && Double.compare(bandwidth, c.bandwidth) == 0 && Double.compare(initialThreshold, c.initialThreshold) == 0
                && Arrays.equals(groups, c.groups) && auxK == c.auxK && Double.compare(auxCoefficient, c.auxCoefficient) == 0
                && Double.compare(preActCoefficient, c.preActCoefficient) == 0
                && applyBDecToInput == c.applyBDecToInput && Double.compare(decoderInitNorm, c.decoderInitNorm) == 0
                && seed == c.seed && targetSize == c.targetSize && skip == c.skip;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(architecture, inputSize, width, k, coefficient, targetL0, bandwidth,
                initialThreshold, Arrays.hashCode(groups), auxK, auxCoefficient, preActCoefficient, applyBDecToInput, decoderInitNorm, seed,
                targetSize, skip);
    }

    @Override
    public String toString() {
        return "SaeConfig[" + architecture.id() + " " + inputSize + "-" + width
                + (targetSize > 0 ? "-" + targetSize + (skip ? " skip" : "") : "") + ", k=" + k + ", coefficient=" + coefficient
                + ", targetL0=" + targetL0 + ", groups=" + Arrays.toString(groups) + ", auxK=" + auxK + ", seed=" + seed + "]";
    }
}
