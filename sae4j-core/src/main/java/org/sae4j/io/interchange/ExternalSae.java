package org.sae4j.io.interchange;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sae4j.InvalidInputException;

/**
 * A single-layer sparse autoencoder in the Python tools' terms, the neutral form every reader returns and
 * {@link SaeLensWriter} writes. Layouts and names follow SAELens v6 ({@code sae_lens/saes/sae.py} and
 * {@code saes/{standard,topk,jumprelu,gated}_sae.py}):
 *
 * <pre>
 *   x' = x * normScalingFactor (if set);  x'' = x' - bDec (if applyBDecToInput)
 *   standard: f = relu(x'' W_enc + b_enc)          topk: f = relu(top-k of (x'' W_enc + b_enc))
 *   jumprelu: z = x'' W_enc + b_enc; f = relu(z) * (z > threshold)
 *   gated:    f = (x'' W_enc + b_gate > 0) * relu(x'' (W_enc * exp(r_mag)) + b_mag)
 *   x_hat = (f W_dec + b_dec) / normScalingFactor
 * </pre>
 *
 * Transcoders ({@code saes/transcoder.py}) read x and write ŷ of {@code dOut} values; b_dec is never applied to x:
 * <pre>
 *   transcoder:          f = relu(x W_enc + b_enc)                 ŷ = f W_dec + b_dec
 *   skip_transcoder:     f = relu(x W_enc + b_enc)                 ŷ = f W_dec + b_dec + x W_skipᵀ
 *   jumprelu_transcoder: z = x W_enc + b_enc; f = relu(z)·(z > threshold), ŷ as transcoder
 *   jumprelu_skip_transcoder: that f, ŷ as skip_transcoder
 * </pre>
 *
 * {@code wEnc} is [d_in, d_sae] and {@code wDec} [d_sae, d_out] (d_out = d_in for an SAE), {@code wSkip} [d_out,
 * d_in] for the skip transcoders only, all row-major. {@code threshold} is set for the jumprelu ones (batchtopk is exported as jumprelu with its threshold for every latent: SAELens #608),
 * {@code k} for topk only, {@code bGate}/{@code rMag}/{@code bMag} for gated only, and gated has no
 * {@code bEnc} (SAELens's GatedSAE sets b_enc to None, and its strict state-dict load rejects one).
 * {@code normalizeActivations} is SAELens's string; {@code normScalingFactor} is SAELens's
 * {@code ActivationScaler.scaling_factor} (activation_scaler.json, the yaml's norm_scaling_factor): inputs are
 * multiplied by it before encoding, or null when the weights already absorb it. {@code log10Density} is
 * SAELens's sparsity.safetensors: log10(firing frequency + 1e-10) per latent, or null. {@code source} names
 * the file or directory in error messages. Arrays are shared, not copied: weights can be hundreds of MB.
 */
public record ExternalSae(String architecture, int dIn, int dSae, float[] wEnc, float[] bEnc, float[] wDec,
        float[] bDec, float[] threshold, Integer k, float[] bGate, float[] rMag, float[] bMag,
        boolean applyBDecToInput, String normalizeActivations, Double normScalingFactor, float[] log10Density,
        Map<String, Object> metadata, String source, int dOut, float[] wSkip) {

    public static final String STANDARD = "standard";
    public static final String TOPK = "topk";
    public static final String JUMPRELU = "jumprelu";
    public static final String GATED = "gated";
    public static final String TRANSCODER = "transcoder";
    public static final String SKIP_TRANSCODER = "skip_transcoder";
    public static final String JUMPRELU_TRANSCODER = "jumprelu_transcoder";
    public static final String JUMPRELU_SKIP_TRANSCODER = "jumprelu_skip_transcoder";
    /** The architectures SAELens v6 registers for inference that sae4j exchanges. */
    public static final List<String> ARCHITECTURES = List.of(STANDARD, TOPK, JUMPRELU, GATED, TRANSCODER,
            SKIP_TRANSCODER, JUMPRELU_TRANSCODER, JUMPRELU_SKIP_TRANSCODER);

    /** An SAE (d_out = d_in, no W_skip), as every reader of SAE formats builds it. */
    public ExternalSae(String architecture, int dIn, int dSae, float[] wEnc, float[] bEnc, float[] wDec, float[] bDec,
            float[] threshold, Integer k, float[] bGate, float[] rMag, float[] bMag, boolean applyBDecToInput,
            String normalizeActivations, Double normScalingFactor, float[] log10Density, Map<String, Object> metadata,
            String source) {
        this(architecture, dIn, dSae, wEnc, bEnc, wDec, bDec, threshold, k, bGate, rMag, bMag, applyBDecToInput,
                normalizeActivations, normScalingFactor, log10Density, metadata, source, dIn, null);
    }

    /** Whether {@code architecture} is one of SAELens's transcoders. */
    public static boolean isTranscoder(String architecture) {
        return architecture != null && architecture.endsWith(TRANSCODER);
    }

    /** Whether {@code architecture} has a learned threshold per latent: jumprelu and the jumprelu transcoders. */
    public static boolean hasThreshold(String architecture) {
        return architecture != null && architecture.startsWith(JUMPRELU);
    }

    /** Whether {@code architecture} adds x W_skipᵀ. */
    public static boolean hasSkip(String architecture) {
        return architecture != null && architecture.endsWith(SKIP_TRANSCODER);
    }

    public boolean transcoder() {
        return isTranscoder(architecture);
    }
    /** SAELens's SAEConfig.normalize_activations values. */
    public static final List<String> NORMALIZATIONS =
            List.of("none", "expected_average_only_in", "constant_norm_rescale", "layer_norm");

    public ExternalSae {
        source = source == null ? "(unnamed SAE)" : source;
        String where = "SAE '" + source + "'";
        if (architecture == null || !ARCHITECTURES.contains(architecture)) {
            throw new InvalidInputException(where + " has architecture '" + architecture + "'; expected one of "
                    + String.join(", ", ARCHITECTURES) + ".");
        }
        if (dIn < 1 || dSae < 1) {
            throw new InvalidInputException(where + " has d_in " + dIn + " and d_sae " + dSae
                    + "; expected both at least 1.");
        }
        if (dOut < 1 || (dOut != dIn && !isTranscoder(architecture))) {
            throw new InvalidInputException(where + " has d_out " + dOut + " but architecture '" + architecture
                    + "'; expected d_out = d_in (" + dIn + ") for an SAE, or a transcoder architecture.");
        }
        if (isTranscoder(architecture) && applyBDecToInput) {
            throw new InvalidInputException(where + " is a " + architecture + " with apply_b_dec_to_input; expected "
                    + "false, since its b_dec has the output's width.");
        }
        require(where, "W_enc", wEnc, (long) dIn * dSae, "d_in x d_sae = " + dIn + " x " + dSae);
        require(where, "W_dec", wDec, (long) dSae * dOut, "d_sae x d_out = " + dSae + " x " + dOut);
        require(where, "b_dec", bDec, dOut, "d_out");
        if (hasSkip(architecture)) {
            require(where, "W_skip", wSkip, (long) dOut * dIn, "d_out x d_in = " + dOut + " x " + dIn);
        } else if (wSkip != null) {
            throw new InvalidInputException(where + " has W_skip but architecture '" + architecture
                    + "'; expected W_skip only for skip_transcoder and jumprelu_skip_transcoder.");
        }
        boolean gated = architecture.equals(GATED);
        only(where, "b_enc", bEnc, !gated, dSae, architecture);
        only(where, "threshold", threshold, hasThreshold(architecture), dSae, architecture);
        only(where, "b_gate", bGate, gated, dSae, architecture);
        only(where, "r_mag", rMag, gated, dSae, architecture);
        only(where, "b_mag", bMag, gated, dSae, architecture);
        if (architecture.equals(TOPK) != (k != null)) {
            throw new InvalidInputException(where + (k == null ? " has no k" : " has k " + k + " but architecture '"
                    + architecture + "'") + "; expected k for topk only.");
        }
        if (k != null && (k < 1 || k > dSae)) {
            throw new InvalidInputException(where + " has k " + k + "; expected 1 <= k <= d_sae (" + dSae + ").");
        }
        if (normalizeActivations == null || !NORMALIZATIONS.contains(normalizeActivations)) {
            throw new InvalidInputException(where + " has normalize_activations '" + normalizeActivations
                    + "'; expected one of " + String.join(", ", NORMALIZATIONS) + ".");
        }
        if (normScalingFactor != null && isTranscoder(architecture)) {
            throw new InvalidInputException(where + " is a " + architecture + " with a norm scaling factor, which has "
                    + "no one meaning for its two spaces; expected its scaling folded into the weights.");
        }
        if (normScalingFactor != null && !(normScalingFactor > 0 && Double.isFinite(normScalingFactor))) {
            throw new InvalidInputException(where + " has norm scaling factor " + normScalingFactor
                    + "; expected a finite number above 0.");
        }
        if (log10Density != null && log10Density.length != dSae) {
            throw new InvalidInputException(where + " has " + log10Density.length
                    + " log10 feature densities; expected one per latent (d_sae = " + dSae + ").");
        }
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata == null ? Map.of() : metadata));
    }

    /** A builder for the many optional fields; {@link #build()} runs the constructor's checks. */
    public static Builder builder(String architecture, int dIn, int dSae) {
        return new Builder(architecture, dIn, dSae);
    }

    /**
     * The same SAE with {@link #normScalingFactor} folded into the weights, as SAELens's trainer does before
     * saving (SAE.fold_activation_norm_scaling_factor): W_enc * s, W_dec / s, b_dec / s, normalization "none".
     * Pre-activations are unchanged, so thresholds and top-k choices are too. New arrays; this one is untouched.
     */
    public ExternalSae withNormScalingFolded() {
        if (normScalingFactor == null) {
            return this;
        }
        float s = normScalingFactor.floatValue();
        float[] enc = wEnc.clone();
        float[] dec = wDec.clone();
        float[] bias = bDec.clone();
        for (int i = 0; i < enc.length; i++) {
            enc[i] *= s;
            dec[i] /= s;
        }
        for (int i = 0; i < bias.length; i++) {
            bias[i] /= s;
        }
        String norm = normalizeActivations.equals("expected_average_only_in") ? "none" : normalizeActivations;
        return new ExternalSae(architecture, dIn, dSae, enc, bEnc, dec, bias, threshold, k, bGate, rMag, bMag,
                applyBDecToInput, norm, null, log10Density, metadata, source);
    }

    private static void require(String where, String field, float[] values, long expected, String what) {
        if (values == null) {
            throw new InvalidInputException(where + " has no " + field + "; expected " + expected + " values ("
                    + what + ").");
        }
        if (values.length != expected) {
            throw new InvalidInputException(where + " has " + field + " with " + values.length + " values; expected "
                    + expected + " (" + what + ").");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidInputException(where + " has " + values[i] + " in " + field + " at index " + i
                        + "; expected finite numbers only.");
            }
        }
    }

    private static void only(String where, String field, float[] values, boolean wanted, int dSae, String arch) {
        if (wanted) {
            require(where, field, values, dSae, "d_sae");
        } else if (values != null) {
            throw new InvalidInputException(where + " has " + field + " but architecture '" + arch
                    + "'; expected " + field + " only for " + owner(field) + ".");
        }
    }

    private static String owner(String field) {
        return switch (field) {
            case "threshold" -> "jumprelu, jumprelu_transcoder and jumprelu_skip_transcoder";
            case "b_enc" -> "standard, topk and jumprelu (gated uses b_gate and b_mag)";
            default -> "gated";
        };
    }

    // Never print the weights: they can be millions of floats.
    @Override
    public String toString() {
        return "ExternalSae[" + architecture + " " + dIn + " -> " + dSae + (transcoder() ? " -> " + dOut : "")
                + (k == null ? "" : ", k=" + k)
                + ", source=" + source + "]";
    }

    /**
     * Fluent construction; unset optional fields stay null, normalization "none", b_dec applied to the input of an
     * SAE (never of a transcoder).
     */
    public static final class Builder {
        private final String architecture;
        private final int dIn;
        private final int dSae;
        private float[] wEnc;
        private float[] bEnc;
        private float[] wDec;
        private float[] bDec;
        private float[] threshold;
        private Integer k;
        private float[] bGate;
        private float[] rMag;
        private float[] bMag;
        private boolean applyBDecToInput = true;
        private String normalizeActivations = "none";
        private Double normScalingFactor;
        private float[] log10Density;
        private Map<String, Object> metadata = Map.of();
        private String source;
        private int dOut;
        private float[] wSkip;

        private Builder(String architecture, int dIn, int dSae) {
            this.architecture = architecture;
            this.dIn = dIn;
            this.dSae = dSae;
            this.dOut = dIn;
            this.applyBDecToInput = !isTranscoder(architecture);
        }

        /** A transcoder's output width (d_in by default). */
        public Builder dOut(int dOut) {
            this.dOut = dOut;
            return this;
        }

        /** A skip transcoder's W_skip [d_out, d_in], row-major. */
        public Builder skip(float[] wSkip) {
            this.wSkip = wSkip;
            return this;
        }

        /** W_enc [d_in, d_sae] and W_dec [d_sae, d_in], row-major. */
        public Builder weights(float[] wEnc, float[] wDec) {
            this.wEnc = wEnc;
            this.wDec = wDec;
            return this;
        }

        public Builder biases(float[] bEnc, float[] bDec) {
            this.bEnc = bEnc;
            this.bDec = bDec;
            return this;
        }

        public Builder threshold(float[] threshold) {
            this.threshold = threshold;
            return this;
        }

        public Builder k(Integer k) {
            this.k = k;
            return this;
        }

        public Builder gate(float[] bGate, float[] rMag, float[] bMag) {
            this.bGate = bGate;
            this.rMag = rMag;
            this.bMag = bMag;
            return this;
        }

        public Builder applyBDecToInput(boolean apply) {
            this.applyBDecToInput = apply;
            return this;
        }

        public Builder normalizeActivations(String normalizeActivations) {
            this.normalizeActivations = normalizeActivations;
            return this;
        }

        public Builder normScalingFactor(Double factor) {
            this.normScalingFactor = factor;
            return this;
        }

        public Builder log10Density(float[] log10Density) {
            this.log10Density = log10Density;
            return this;
        }

        public Builder metadata(Map<String, Object> metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public ExternalSae build() {
            return new ExternalSae(architecture, dIn, dSae, wEnc, bEnc, wDec, bDec, threshold, k, bGate, rMag, bMag,
                    applyBDecToInput, normalizeActivations, normScalingFactor, log10Density, metadata, source, dOut,
                    wSkip);
        }
    }
}
