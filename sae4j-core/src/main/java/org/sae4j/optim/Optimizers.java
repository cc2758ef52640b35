package org.sae4j.optim;

import org.sae4j.InvalidInputException;

/** Builds an optimizer from the names and numbers used in configs and on the command line. */
public final class Optimizers {
    private Optimizers() {
    }

    /**
     * @param learningRate null for the optimizer's usual default (Adam 1e-3, SGD 1e-2)
     */
    public static Optimizer create(String name, Double learningRate, double momentum, boolean nesterov) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "adam" -> {
                // Silently ignoring the setting would leave the user believing it took effect.
                if (momentum != 0 || nesterov) {
                    throw new InvalidInputException((nesterov ? "Nesterov momentum" : "Momentum " + momentum)
                            + " applies only to the sgd optimizer; adam keeps its own moment estimates, so drop it "
                            + "or choose sgd.");
                }
                yield new Adam(learningRate == null ? 1e-3 : learningRate);
            }
            case "sgd" -> new Sgd(learningRate == null ? 1e-2 : learningRate, momentum, nesterov);
            default -> throw new InvalidInputException("Unknown optimizer '" + name + "'; expected adam or sgd.");
        };
    }
}
