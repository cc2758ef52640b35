package org.sae4j.cli;

import java.util.Arrays;
import java.util.List;
import org.sae4j.InvalidInputException;

/**
 * One setting of {@code sae4j sweep} and the values it takes, e.g. {@code beta=0.001,0.01,0.1}. Only the
 * continuous knobs that trade sparsity against reconstruction (and the learning rate) can be swept.
 */
record Sweep(String name, double[] values) {
    static final List<String> NAMES = List.of("beta", "rho", "l1-activity", "l1-weights", "l2-weights", "lr");

    static Sweep parse(String text) {
        int eq = text.indexOf('=');
        String name = eq < 0 ? text.trim() : text.substring(0, eq).trim();
        if (!NAMES.contains(name)) {
            throw new InvalidInputException("Cannot sweep '" + name + "'; expected NAME=V1,V2,... with NAME one of "
                    + NAMES + ", e.g. beta=0.001,0.01,0.1.");
        }
        String[] parts = eq < 0 ? new String[0] : text.substring(eq + 1).split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("Sweep value '" + parts[i].trim() + "' of " + name + " is not a number.");
            }
        }
        if (values.length < 2) {
            throw new InvalidInputException("A sweep over " + name + " needs at least two values, e.g. " + name
                    + "=0.001,0.01,0.1.");
        }
        return new Sweep(name, values);
    }

    /** Sets the swept flag to {@code value}, overriding whatever the command line or preset gave. */
    void apply(ModelFlags model, FitFlags fit, double value) {
        switch (name) {
            case "beta" -> model.beta = value;
            case "rho" -> model.rho = value;
            case "l1-activity" -> model.l1Activity = value;
            case "l1-weights" -> model.l1Weights = value;
            case "l2-weights" -> model.l2Weights = value;
            case "lr" -> fit.learningRate = value;
            default -> throw new IllegalStateException(name);
        }
    }

    /** The model file of one run, e.g. beta-0.01.safetensors. */
    String fileName(double value) {
        return name + "-" + value + ".safetensors";
    }

    @Override
    public String toString() {
        return name + "=" + Arrays.toString(values);
    }
}
