package org.sae4j.model.sae;

import org.sae4j.InvalidInputException;

/**
 * Fluent construction of a dictionary-learning SAE, e.g.
 * {@code SaeBuilder.of(Architecture.TOPK, 768).expansion(32).k(32).build()}. Unset values take the
 * defaults of {@link SaeConfig#defaults}.
 */
public final class SaeBuilder {
    private final Architecture architecture;
    private final int inputSize;
    private Integer width;
    private Integer k;
    private Double coefficient;
    private double targetL0 = Double.NaN;
    private Double bandwidth;
    private Double initialThreshold;
    private int[] groups;
    private Integer auxK;
    private Double auxCoefficient;
    private Double preActCoefficient;
    private Boolean applyBDecToInput;
    private Double decoderInitNorm;
    private long seed = 42;
    private int targetSize;
    private boolean skip;

    private SaeBuilder(Architecture architecture, int inputSize) {
        this.architecture = architecture;
        this.inputSize = inputSize;
    }

    public static SaeBuilder of(Architecture architecture, int inputSize) {
        return new SaeBuilder(architecture, inputSize);
    }

    /** Number of latents. */
    public SaeBuilder width(int width) {
        this.width = width;
        return this;
    }

    /** Number of latents as a multiple of the input width. */
    public SaeBuilder expansion(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new InvalidInputException("Expansion factor " + factor + " is invalid; expected a positive number.");
        }
        double w = Math.rint(factor * inputSize);
        if (w > Integer.MAX_VALUE) {
            throw new InvalidInputException("Expansion factor " + factor + " gives " + (long) w + " latents, far too many.");
        }
        this.width = (int) w;
        return this;
    }

    public SaeBuilder k(int k) {
        this.k = k;
        return this;
    }

    /** The sparsity coefficient λ (standard, jumprelu, gated). */
    public SaeBuilder coefficient(double lambda) {
        this.coefficient = lambda;
        return this;
    }

    /** JumpReLU's quadratic target-L0 mode λ·(L0/L* − 1)². */
    public SaeBuilder targetL0(double target) {
        this.targetL0 = target;
        return this;
    }

    public SaeBuilder bandwidth(double epsilon) {
        this.bandwidth = epsilon;
        return this;
    }

    public SaeBuilder initialThreshold(double theta) {
        this.initialThreshold = theta;
        return this;
    }

    /** Matryoshka group sizes, summing to the width. */
    public SaeBuilder groups(int... sizes) {
        this.groups = sizes.clone();
        return this;
    }

    public SaeBuilder auxK(int auxK) {
        this.auxK = auxK;
        return this;
    }

    public SaeBuilder auxCoefficient(double coefficient) {
        this.auxCoefficient = coefficient;
        return this;
    }

    /** jumprelu: the weight of the dead latents' pre-activation loss (0: off). */
    public SaeBuilder preActCoefficient(double coefficient) {
        this.preActCoefficient = coefficient;
        return this;
    }

    public SaeBuilder applyBDecToInput(boolean apply) {
        this.applyBDecToInput = apply;
        return this;
    }

    public SaeBuilder decoderInitNorm(double norm) {
        this.decoderInitNorm = norm;
        return this;
    }

    /** Makes a transcoder whose decoder writes targets of {@code dOut} values (0: an SAE, the default). */
    public SaeBuilder targetSize(int dOut) {
        this.targetSize = dOut;
        return this;
    }

    /** A skip transcoder: adds a linear W_skip [d_out, d_in], zero at the start, learned with the rest. */
    public SaeBuilder skip(boolean skip) {
        this.skip = skip;
        return this;
    }

    public SaeBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    public SaeConfig config() {
        int w = width != null ? width : Math.multiplyExact(inputSize, 8);
        SaeConfig base = SaeConfig.defaults(architecture, Math.max(inputSize, 1), Math.max(w, 1));
        return new SaeConfig(architecture, inputSize, w,
                k != null ? k : base.k(),
                coefficient != null ? coefficient : base.coefficient(),
                targetL0,
                bandwidth != null ? bandwidth : base.bandwidth(),
                initialThreshold != null ? initialThreshold : base.initialThreshold(),
                groups != null ? groups : architecture == Architecture.MATRYOSHKA ? doublingGroups(w) : base.groups(),
                // AuxK reconstructs the residual, which lives where the output does: k_aux = d_out / 2 (sparsify).
                auxK != null ? auxK : targetSize > 0 && architecture.usesK()
                        ? Math.max(1, Math.min(Math.max(w, 1), targetSize / 2)) : base.auxK(),
                auxCoefficient != null ? auxCoefficient : base.auxCoefficient(),
                preActCoefficient != null ? preActCoefficient : base.preActCoefficient(),
                // b_dec is in the output space of a transcoder: never subtracted from its input.
                applyBDecToInput != null ? applyBDecToInput : base.applyBDecToInput() && targetSize == 0,
                decoderInitNorm != null ? decoderInitNorm : base.decoderInitNorm(),
                seed, targetSize, skip);
    }

    public SparseAutoencoder build() {
        return SparseAutoencoder.create(config());
    }

    /**
     * Default Matryoshka groups: sizes doubling from width/32 (as in Bussmann et al.'s nested prefixes), the
     * last group taking the remainder, e.g. 4096 → 128, 256, 512, 1024, 2176.
     */
    public static int[] doublingGroups(int width) {
        if (width < 32) {
            return new int[] {width};
        }
        java.util.List<Integer> sizes = new java.util.ArrayList<>();
        int size = width / 32;
        int used = 0;
        while (used + size + 2 * size <= width) {
            sizes.add(size);
            used += size;
            size *= 2;
        }
        sizes.add(width - used);
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The learning rate the SAE literature scales with width when none is given: 2e-4 / sqrt(width / 2^14). */
    public static double defaultLearningRate(int width) {
        return 2e-4 / Math.sqrt(width / 16384.0);
    }
}
