package org.sae4j.spark.cli;

import org.sae4j.InvalidInputException;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import picocli.CommandLine.Option;

/**
 * The SAE options of {@code sae4j-spark train}: {@code sae4j train}'s (its {@code SaeFlags}) with the same names,
 * defaults, checks and help text, which {@code SaeOptionsTest} holds equal, so a flag means the same on both. They
 * are repeated rather than shared because this module does not depend on the CLI's (its jar would carry the CLI's
 * dependencies onto the cluster). Only --arch differs: Spark trains SAEs alone, so topk is its default.
 */
final class SaeOptions {
    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "topk",
            description = "standard, topk (default), batchtopk, jumprelu, matryoshka or gated.")
    String arch;

    @Option(names = "--width", paramLabel = "N", description = "Number of latents (default: 8 x the input width).")
    Integer width;

    @Option(names = "--expansion", paramLabel = "F", description = "Number of latents as a multiple of the input width.")
    Double expansion;

    @Option(names = "--k", paramLabel = "K", description = "Latents kept per sample: topk, batchtopk, matryoshka (default 32).")
    Integer k;

    @Option(names = "--lambda", paramLabel = "L", description = "Sparsity coefficient: standard, gated (default 1e-3), jumprelu (1e-4); at --target-l0 standard's search starts from it, and jumprelu and gated take none.")
    Double lambda;

    @Option(names = "--quadratic-l0", paramLabel = "L0",
            description = "jumprelu: penalise lambda*(L0/L0* - 1)^2 instead of lambda*L0, at a fixed lambda (--target-l0 instead makes the thresholds follow each sample's top L0 latents).")
    Double quadraticL0;

    @Option(names = "--bandwidth", paramLabel = "EPS", description = "jumprelu: pseudo-gradient bandwidth (default: 0.5 x RMS of the initial pre-activations); at --target-l0, which trains no pseudo-gradient, it only sets the thresholds' floor, half of it.")
    Double bandwidth;

    @Option(names = "--threshold-init", paramLabel = "THETA", description = "jumprelu: initial threshold (default: 0.5 x RMS of the initial pre-activations; with a target L0, each latent's quantile that fires on L0/width of the inputs).")
    Double thresholdInit;

    @Option(names = "--groups", split = ",", paramLabel = "SIZES",
            description = "matryoshka: nested group sizes summing to the width (default: doubling from width/32).")
    int[] groups;

    @Option(names = "--aux-k", paramLabel = "N", description = "AuxK latents for dead-latent revival (default d_in/2; 0: off).")
    Integer auxK;

    @Option(names = "--aux-coefficient", paramLabel = "C", description = "Weight of the AuxK loss (default 1/8).")
    Double auxCoefficient;

    @Option(names = "--pre-act-coefficient", paramLabel = "C", description = "jumprelu: weight of the loss that pulls "
            + "dead latents' pre-activations up to their thresholds, in units of the bandwidth (default 0.1; 0: off); none at --target-l0, whose budget trains no such loss.")
    Double preActCoefficient;

    @Option(names = "--apply-b-dec-to-input", negatable = true, paramLabel = "BOOL",
            description = "Encoder sees x - b_dec (default true; --no-apply-b-dec-to-input: x).")
    Boolean applyBDec;

    /**
     * The SAE of these options for {@code d}-wide data, trained at {@code targetL0} (null: none); an option the
     * architecture, or the run at that target, would ignore is one sentence, as {@code sae4j train} says it.
     */
    SaeBuilder builder(int d, long seed, Double targetL0) {
        Architecture a = Architecture.parse(arch);
        if (width != null && expansion != null) {
            throw new InvalidInputException("--width " + width + " and --expansion " + expansion
                    + " both set the number of latents; give one of them.");
        }
        requireFor(a.usesK(), "--k", k, a);
        requireFor(a.usesCoefficient(), "--lambda", lambda, a);
        requireFor(a == Architecture.JUMPRELU, "--quadratic-l0", quadraticL0, a);
        requireFor(a == Architecture.JUMPRELU, "--bandwidth", bandwidth, a);
        requireFor(a == Architecture.JUMPRELU, "--threshold-init", thresholdInit, a);
        requireFor(a == Architecture.MATRYOSHKA, "--groups", groups, a);
        requireFor(a.usesK(), "--aux-k", auxK, a);
        requireFor(a.usesK(), "--aux-coefficient", auxCoefficient, a);
        requireFor(a == Architecture.JUMPRELU, "--pre-act-coefficient", preActCoefficient, a);
        if (targetL0 != null) {
            requireUsedAt(a);
        }
        SaeBuilder b = SaeBuilder.of(a, d).seed(seed);
        if (width != null) {
            b.width(width);
        }
        if (expansion != null) {
            b.expansion(expansion);
        }
        if (k != null) {
            b.k(k);
        }
        if (lambda != null) {
            b.coefficient(lambda);
        }
        if (quadraticL0 != null) {
            b.targetL0(quadraticL0);
        }
        if (bandwidth != null) {
            b.bandwidth(bandwidth);
        }
        if (thresholdInit != null) {
            b.initialThreshold(thresholdInit);
        }
        if (groups != null) {
            b.groups(groups);
        }
        if (auxK != null) {
            b.auxK(auxK);
        }
        if (auxCoefficient != null) {
            b.auxCoefficient(auxCoefficient);
        }
        if (preActCoefficient != null) {
            b.preActCoefficient(preActCoefficient);
        }
        if (applyBDec != null) {
            b.applyBDecToInput(applyBDec);
        }
        return b;
    }

    /**
     * --target-l0 needs a coefficient or thresholds to adapt; and jumprelu's and gated's thresholds then follow a top-k
     * budget, whose steps weigh no sparsity term: what only weighs one would change nothing, so it is refused (sae4j
     * train's {@code ControlFlags} and {@code IgnoredAtTarget} say the same).
     */
    private void requireUsedAt(Architecture a) {
        if (!a.usesCoefficient()) { // the controller would steer a multiplier that nothing reads
            throw new InvalidInputException("--target-l0 adapts a sparsity coefficient, which a " + a.id()
                    + " SAE lacks; use --arch standard, jumprelu or gated.");
        }
        if (quadraticL0 != null) {
            throw new InvalidInputException("Give --target-l0 or --quadratic-l0, not both: with --target-l0 "
                    + "jumprelu's thresholds follow each sample's top L0 latents, and --quadratic-l0 is a penalty "
                    + "at a fixed lambda.");
        }
        if (a != Architecture.JUMPRELU && a != Architecture.GATED) {
            return;
        }
        String budget = "at --target-l0 " + a.id() + "'s thresholds follow each sample's top L0 latents";
        if (lambda != null) {
            throw new InvalidInputException("--lambda has no effect: " + budget + ", with no "
                    + (a == Architecture.GATED ? "L1" : "L0") + " term for lambda to weigh; drop it.");
        }
        if (preActCoefficient != null) {
            throw new InvalidInputException("--pre-act-coefficient has no effect: " + budget
                    + ", and that budget trains no pre-activation loss; drop it.");
        }
    }

    /** A flag that the architecture would ignore is an error, not a silent no-op. */
    private static void requireFor(boolean applies, String flag, Object value, Architecture a) {
        if (!applies && value != null) {
            throw new InvalidInputException(flag + " does not apply to the " + a.id() + " architecture; drop it.");
        }
    }
}
