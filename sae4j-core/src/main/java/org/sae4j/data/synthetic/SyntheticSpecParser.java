package org.sae4j.data.synthetic;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sae4j.InvalidInputException;

/**
 * Reads the {@code --data} form of a {@link SyntheticSpec}: {@code synthetic} alone (the defaults), or
 * {@code synthetic:key=value,key=value,...} where any key left out keeps its default. Keys are case-insensitive:
 * features, dim, active, samples, seed, start, dist (uniform|zipf), alpha, coeff (uniform|constant), coeffmin,
 * coeffmax, hierarchy, childprob, correlation, groupsize. Errors are one sentence naming the key and value.
 */
final class SyntheticSpecParser {
    static final List<String> KEYS = List.of("features", "dim", "active", "samples", "seed", "start", "dist",
            "alpha", "coeff", "coeffmin", "coeffmax", "hierarchy", "childprob", "correlation", "groupsize");

    private SyntheticSpecParser() {
    }

    static SyntheticSpec parse(String spec) {
        String s = spec == null ? "" : spec.strip();
        if (!SyntheticSpec.matches(s)) {
            throw new InvalidInputException("Data '" + s + "' is not a synthetic spec; expected 'synthetic' or "
                    + "'synthetic:key=value,...'.");
        }
        SyntheticSpec d = SyntheticSpec.defaults();
        int features = d.numFeatures();
        int dim = d.dim();
        double active = d.active();
        int samples = d.samples();
        long seed = d.seed();
        long start = d.start();
        SyntheticSpec.Dist dist = d.dist();
        double alpha = d.alpha();
        SyntheticSpec.Coeff coeff = d.coeff();
        double coeffMin = d.coeffMin();
        double coeffMax = d.coeffMax();
        int hierarchy = d.hierarchy();
        double childProb = d.childProb();
        double correlation = d.correlation();
        int groupSize = d.groupSize();
        String body = s.length() > SyntheticSpec.PREFIX.length() ? s.substring(SyntheticSpec.PREFIX.length() + 1) : "";
        Set<String> seen = new HashSet<>();
        for (String piece : body.split(",", -1)) {
            if (piece.isBlank() && body.isBlank()) {
                break;
            }
            int eq = piece.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("Synthetic data part '" + piece.strip() + "' is not key=value; "
                        + "expected comma-separated pairs such as 'features=512,dim=128'.");
            }
            String key = piece.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = piece.substring(eq + 1).strip();
            if (!KEYS.contains(key)) {
                throw new InvalidInputException("Synthetic data key '" + key + "' is unknown; expected one of "
                        + String.join(", ", KEYS) + ".");
            }
            if (!seen.add(key)) {
                throw new InvalidInputException("Synthetic data key '" + key + "' is given twice; expected it "
                        + "at most once.");
            }
            switch (key) {
                case "features" -> features = wholeNumber(key, value);
                case "dim" -> dim = wholeNumber(key, value);
                case "active" -> active = number(key, value);
                case "samples" -> samples = wholeNumber(key, value);
                case "seed" -> seed = longNumber(key, value);
                case "start" -> start = longNumber(key, value);
                case "dist" -> dist = choice(key, value, SyntheticSpec.Dist.class);
                case "alpha" -> alpha = number(key, value);
                case "coeff" -> coeff = choice(key, value, SyntheticSpec.Coeff.class);
                case "coeffmin" -> coeffMin = number(key, value);
                case "coeffmax" -> coeffMax = number(key, value);
                case "hierarchy" -> hierarchy = wholeNumber(key, value);
                case "childprob" -> childProb = number(key, value);
                case "correlation" -> correlation = number(key, value);
                case "groupsize" -> groupSize = wholeNumber(key, value);
                default -> throw new IllegalStateException(key);
            }
        }
        // The constant form uses coeffmax as its value; a lone coeffmax below the default coeffmin is fine.
        if (coeff == SyntheticSpec.Coeff.CONSTANT && !seen.contains("coeffmin")) {
            coeffMin = Math.min(coeffMin, coeffMax);
        }
        return new SyntheticSpec(features, dim, active, samples, seed, start, dist, alpha, coeff, coeffMin,
                coeffMax, hierarchy, childProb, correlation, groupSize);
    }

    private static int wholeNumber(String key, String value) {
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(key, value, "a whole number");
        }
    }

    private static long longNumber(String key, String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(key, value, "a whole number");
        }
    }

    private static double number(String key, String value) {
        try {
            double v = Double.parseDouble(value);
            if (Double.isFinite(v) && !value.isEmpty() && !Character.isLetter(value.charAt(value.length() - 1))) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, value, "a finite number");
    }

    private static <E extends Enum<E>> E choice(String key, String value, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : " or ").append(e.name().toLowerCase(Locale.ROOT));
        }
        throw bad(key, value, names.toString());
    }

    private static InvalidInputException bad(String key, String value, String expected) {
        return new InvalidInputException("Synthetic data key '" + key + "' has value '" + value + "'; expected "
                + expected + ".");
    }
}
