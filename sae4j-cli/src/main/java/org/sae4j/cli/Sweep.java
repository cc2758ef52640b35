package org.sae4j.cli;

import java.util.Arrays;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.model.sae.Architecture;

/**
 * One setting of {@code sae4j sweep} and the values it takes, e.g. {@code k=8,16,32} or {@code arch=topk,jumprelu}:
 * the knobs that trade sparsity against reconstruction, the dictionary's size and architecture, and the
 * learning rate. Values stay text (an architecture is a name); {@link #x} places each on the chart's axis.
 */
record Sweep(String name, String[] values) {
    static final List<String> NAMES = List.of("beta", "rho", "l1-activity", "l1-weights", "l2-weights", "lr",
            "k", "lambda", "target-l0", "width", "arch");
    /** Settings of a dictionary-learning SAE, which need --arch (or are it). */
    static final List<String> SAE_NAMES = List.of("k", "lambda", "width", "arch");

    static Sweep parse(String text) {
        int eq = text.indexOf('=');
        String name = eq < 0 ? text.trim() : text.substring(0, eq).trim();
        if (!NAMES.contains(name)) {
            throw new InvalidInputException("Cannot sweep '" + name + "'; expected NAME=V1,V2,... with NAME one of "
                    + NAMES + ", e.g. k=8,16,32,64.");
        }
        String[] values = eq < 0 ? new String[0] : Arrays.stream(text.substring(eq + 1).split(",")).map(String::trim)
                .toArray(String[]::new);
        for (String v : values) {
            check(name, v);
        }
        if (values.length < 2) {
            throw new InvalidInputException("A sweep over " + name + " needs at least two values, e.g. " + name
                    + (name.equals("arch") ? "=topk,batchtopk." : "=0.001,0.01,0.1."));
        }
        if (Arrays.stream(values).distinct().count() < values.length) {
            throw new InvalidInputException("The sweep over " + name + " repeats a value; give each once.");
        }
        return new Sweep(name, values);
    }

    private static void check(String name, String v) {
        if (name.equals("arch")) {
            Architecture.parse(v);
            return;
        }
        try {
            if (name.equals("k") || name.equals("width")) {
                Integer.parseInt(v);
            } else {
                Double.parseDouble(v);
            }
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Sweep value '" + v + "' of " + name + " is not "
                    + (name.equals("k") || name.equals("width") ? "a whole number." : "a number."));
        }
    }

    boolean needsArch() {
        return SAE_NAMES.contains(name) && !name.equals("arch");
    }

    /** Sets the swept flag to {@code value}, overriding whatever the command line or preset gave. */
    void apply(ModelFlags model, SaeFlags sae, FitFlags fit, ControlFlags control, String value) {
        switch (name) {
            case "beta" -> model.beta = Double.parseDouble(value);
            case "rho" -> model.rho = Double.parseDouble(value);
            case "l1-activity" -> model.l1Activity = Double.parseDouble(value);
            case "l1-weights" -> model.l1Weights = Double.parseDouble(value);
            case "l2-weights" -> model.l2Weights = Double.parseDouble(value);
            case "lr" -> fit.learningRate = Double.parseDouble(value);
            case "k" -> sae.k = Integer.parseInt(value);
            case "lambda" -> sae.lambda = Double.parseDouble(value);
            case "width" -> sae.width = Integer.parseInt(value);
            case "arch" -> sae.arch = value;
            case "target-l0" -> control.targetL0 = Double.parseDouble(value);
            default -> throw new IllegalStateException(name);
        }
    }

    /** The value's place on a numeric axis: the number, or for an architecture its position in the list. */
    double x(int i) {
        return name.equals("arch") ? i + 1 : Double.parseDouble(values[i]);
    }

    /** The model file of one run, e.g. k-16.safetensors. */
    String fileName(String value) {
        return name + "-" + value + ".safetensors";
    }

    @Override
    public String toString() {
        return name + "=" + Arrays.toString(values);
    }
}
