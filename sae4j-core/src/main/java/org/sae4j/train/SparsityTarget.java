package org.sae4j.train;

import org.sae4j.InvalidInputException;

/**
 * A sparsity asked for instead of a coefficient: an L0 (active latents per sample) or a rho (mean code
 * activation, for KL-penalised classic models). {@link SparsityController} adapts the coefficient to reach it.
 *
 * @param held    NaN to steer or search the coefficient; else the multiplier it is held at, the one a
 *                {@link CoefficientSearch} found for this target (the run then trains at that fixed coefficient and
 *                reports against the target)
 * @param steered whether a fit steers the coefficient in its one run even where {@link Trainer} would search it (a
 *                shared pass of several models steers: it cannot run one model several times)
 */
public record SparsityTarget(Measure measure, double value, double held, boolean steered) {
    public enum Measure {
        L0("l0", "L0"), RHO("rho", "rho");

        final String key;
        final String display;

        Measure(String key, String display) {
            this.key = key;
            this.display = display;
        }
    }

    public SparsityTarget(Measure measure, double value) {
        this(measure, value, Double.NaN, false);
    }

    public SparsityTarget {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidInputException("Target " + measure.display + " is " + value + "; expected a positive number.");
        }
        if (measure == Measure.RHO && value >= 1) {
            throw new InvalidInputException("Target rho is " + value + "; expected a mean activation between 0 and 1.");
        }
    }

    /** This target with the coefficient held at {@code multiplier} times the configured one. */
    public SparsityTarget heldAt(double multiplier) {
        return new SparsityTarget(measure, value, multiplier, false);
    }

    /** This target steered in one run, never searched. */
    public SparsityTarget steeredOnly() {
        return new SparsityTarget(measure, value, Double.NaN, true);
    }

    /** Whether the coefficient is held (see {@link #held}) rather than steered. */
    public boolean isHeld() {
        return !Double.isNaN(held);
    }

    public static SparsityTarget l0(double value) {
        return new SparsityTarget(Measure.L0, value);
    }

    public static SparsityTarget rho(double value) {
        return new SparsityTarget(Measure.RHO, value);
    }
}
