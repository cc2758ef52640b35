package org.sae4j.model.sae;

import java.util.Arrays;
import java.util.Locale;
import org.sae4j.InvalidInputException;

/** The dictionary-learning SAE families, named as SAELens names them in {@code cfg.json} where it has them. */
public enum Architecture {
    /** ReLU latents, MSE + λ·mean_b Σ_i f_i·‖W_dec,i‖ (Anthropic's April 2024 update). */
    STANDARD("standard"),
    /** ReLU of each sample's k largest pre-activations; unit-norm decoder rows. */
    TOPK("topk"),
    /** The k·B largest pre-activations of a batch; a learned threshold at inference (exported as jumprelu). */
    BATCHTOPK("batchtopk"),
    /** f = z·H(z − θ) with a learned θ per latent; L0 penalty through straight-through pseudo-gradients. */
    JUMPRELU("jumprelu"),
    /** BatchTopK whose nested prefixes of the dictionary each reconstruct the input. */
    MATRYOSHKA("matryoshka"),
    /** Gate and magnitude paths sharing W_enc, with an auxiliary reconstruction from the gate. */
    GATED("gated");

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The k-sparse families, whose latents stay sparse through training. */
    public boolean usesK() {
        return this == TOPK || this == BATCHTOPK || this == MATRYOSHKA;
    }

    /** The families whose thresholds follow a top-k budget of the target under a target L0 (no λ then). */
    public boolean followsBudget() {
        return this == JUMPRELU || this == GATED;
    }

    /** The families trained with a sparsity coefficient λ. */
    public boolean usesCoefficient() {
        return this == STANDARD || this == JUMPRELU || this == GATED;
    }

    public static Architecture parse(String s) {
        String key = s == null ? "" : s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Architecture a : values()) {
            if (a.id.equals(key) || (a == BATCHTOPK && key.equals("batch-topk"))) {
                return a;
            }
        }
        throw new InvalidInputException("Unknown architecture '" + s + "'; expected one of "
                + String.join(", ", Arrays.stream(values()).map(Architecture::id).toList()) + ".");
    }
}
