package org.sae4j.cli;

import java.util.Arrays;
import org.sae4j.InvalidInputException;
import org.sae4j.loss.KlSparsity;
import org.sae4j.loss.ReconstructionLoss;
import org.sae4j.model.AutoencoderBuilder;
import org.sae4j.nn.Activation;

/** Named starting points for {@code sae4j train}; every flag given on top of one overrides it. */
enum Preset {
    DEEP("deep", "784-128-64-32 relu, mirrored decoder, sigmoid output, MSE (the Keras tutorial)", null, null),
    DEEP_KL("deep-kl", "deep with a sigmoid code layer and KL sparsity rho=0.05 beta=0.01 (the default)",
            Activation.SIGMOID, new KlSparsity(0.05, 0.01)),
    TANH_L1("tanh-l1", "deep with tanh units and an L1 penalty 1e-5 on every weight matrix", null, null),
    CLASSIC("classic", "784-200-784 sigmoid, loss sse, KL rho=0.05 beta=3, L2 5e-5 (Ng's CS294A, lambda/2)",
            Activation.SIGMOID, new KlSparsity(0.05, 3));

    final String id;
    final String summary;
    /** The code activation the preset fixes, or null when the code layer follows {@code --activation}. */
    final Activation codeActivation;
    /** The preset's KL penalty, which {@code --rho} and {@code --beta} adjust; null for none. */
    final KlSparsity kl;

    Preset(String id, String summary, Activation codeActivation, KlSparsity kl) {
        this.id = id;
        this.summary = summary;
        this.codeActivation = codeActivation;
        this.kl = kl;
    }

    void apply(AutoencoderBuilder b) {
        switch (this) {
            case DEEP -> { }
            case DEEP_KL -> b.codeActivation(codeActivation);
            case TANH_L1 -> b.activation(Activation.TANH).l1Weights(1e-5);
            case CLASSIC -> b.encoder(200).activation(Activation.SIGMOID).loss(ReconstructionLoss.HALF_SSE).l2Weights(5e-5);
        }
        if (kl != null) {
            b.klSparsity(kl.rho(), kl.beta());
        }
    }

    static Preset parse(String name) {
        for (Preset p : values()) {
            if (p.id.equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new InvalidInputException("Unknown preset '" + name + "'; expected one of "
                + Arrays.stream(values()).map(p -> p.id).toList() + ".");
    }
}
