package org.sae4j.cli;

import java.util.function.Predicate;
import org.sae4j.InvalidInputException;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import picocli.CommandLine.Option;

/**
 * The options of a dictionary-learning SAE (--arch and what it takes), with their checks. They serve both front
 * ends: {@code sae4j train}, {@code sweep} and {@code bench}, and {@code sae4j-spark train}, so a flag means the same,
 * and is refused in the same sentence, on a laptop and on a cluster. That is why this class is public and references
 * nothing beyond sae4j-core and picocli: sae4j-spark depends on this module without the CLI's progress bar and YAML
 * libraries, which a cluster does not need.
 */
public final class SaeFlags {
    /** Option names that define an SAE, refused with --resume and without --arch. */
    static final String[] NAMES = {"--arch", "--width", "--expansion", "--k", "--lambda", "--quadratic-l0", "--bandwidth",
        "--threshold-init", "--groups", "--aux-k", "--aux-coefficient", "--pre-act-coefficient",
        "--apply-b-dec-to-input"};

    @Option(names = "--arch", paramLabel = "NAME",
            description = "Train a dictionary-learning SAE: standard, topk, batchtopk, jumprelu, matryoshka or "
                    + "gated (default: sae4j, a classic preset; sae4j-spark, which trains SAEs alone, topk).")
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

    boolean isSae() {
        return arch != null;
    }

    /**
     * Trains {@code id} when no --arch was given: for a front end that trains SAEs alone ({@code sae4j-spark train}),
     * where sae4j train would fall back on a classic preset.
     */
    public void defaultArch(String id) {
        if (arch == null) {
            arch = id;
        }
    }

    /** A builder for {@code inputSize}-wide data with these flags applied. */
    public SaeBuilder builder(int inputSize, long seed) {
        return builder(inputSize, 0, false, seed);
    }

    /** The same for a transcoder writing {@code targetSize} values (0: an SAE), with W_skip when {@code skip}. */
    SaeBuilder builder(int inputSize, int targetSize, boolean skip, long seed) {
        Architecture a = Architecture.parse(arch);
        if (width != null && expansion != null) {
            throw new InvalidInputException("--width " + width + " and --expansion " + expansion
                    + " both set the number of latents; give one of them.");
        }
        SaeBuilder b = SaeBuilder.of(a, inputSize).seed(seed).targetSize(targetSize).skip(skip);
        if (width != null) {
            b.width(width);
        }
        if (expansion != null) {
            b.expansion(expansion);
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
     * Refuses, before any data is read, a run of this SAE at {@code targetL0} (null: none) that cannot be what it asks:
     * an architecture with no coefficient to adapt, --quadratic-l0 beside it ({@link ControlFlags#requireAdaptable}),
     * or an option the run would ignore ({@link IgnoredAtTarget}); {@code given} says which options the user typed.
     */
    public void requireTrainableAt(Double targetL0, Predicate<String> given) {
        requireTrainableAt(arch, quadraticL0 != null, targetL0, given);
    }

    /**
     * The same for an SAE set up elsewhere (Spark ML's estimator): its architecture, whether it has a quadratic L0
     * term, the target, and which of these options (named as the command line names them) it was given.
     */
    public static void requireTrainableAt(String arch, boolean quadratic, Double targetL0, Predicate<String> given) {
        if (targetL0 == null) {
            return;
        }
        ControlFlags.requireAdaptable(Architecture.parse(arch), quadratic);
        String ignored = IgnoredAtTarget.reason(arch, targetL0, given);
        if (ignored != null) {
            throw new InvalidInputException(IgnoredAtTarget.refusal(ignored));
        }
    }

    /** A flag that the architecture would ignore is an error, not a silent no-op. */
    private static void requireFor(boolean applies, String flag, Object value, Architecture a) {
        if (!applies && value != null) {
            throw new InvalidInputException(flag + " does not apply to the " + a.id() + " architecture; drop it.");
        }
    }
}
