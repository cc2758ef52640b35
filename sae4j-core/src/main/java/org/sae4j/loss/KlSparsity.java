package org.sae4j.loss;

import org.sae4j.InvalidInputException;

/**
 * The KL-divergence sparsity penalty of Ng's CS294A notes: β Σ_j KL(ρ ‖ ρ̂_j), with ρ̂_j the mean
 * activation of unit j over the batch. Only meaningful for units whose output lies in (0, 1).
 */
public record KlSparsity(double rho, double beta) implements ActivityPenalty {

    /** ρ̂ is kept this far from 0 and 1 so the logarithms stay finite. */
    static final double CLAMP = 1e-6;

    public KlSparsity {
        if (!(rho > 0 && rho < 1)) {
            throw new InvalidInputException("Sparsity target rho=" + rho + " is outside (0, 1); expected e.g. 0.05.");
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new InvalidInputException("Sparsity weight beta=" + beta + " is invalid; expected a finite number >= 0.");
        }
    }

    @Override
    public double evaluate(float[] a, int batch, int units, float[] grad) {
        double[] rhoHat = meanActivation(a, batch, units);
        double penalty = 0;
        for (int j = 0; j < units; j++) {
            double q = Math.min(Math.max(rhoHat[j], CLAMP), 1 - CLAMP);
            penalty += rho * Math.log(rho / q) + (1 - rho) * Math.log((1 - rho) / (1 - q));
            rhoHat[j] = beta * (-rho / q + (1 - rho) / (1 - q)) / batch; // reuse as d penalty / d a_ij
        }
        if (grad != null) {
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < units; j++) {
                    grad[i * units + j] += (float) rhoHat[j];
                }
            }
        }
        return beta * penalty;
    }

    static double[] meanActivation(float[] a, int batch, int units) {
        double[] mean = new double[units];
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < units; j++) {
                mean[j] += a[i * units + j];
            }
        }
        for (int j = 0; j < units; j++) {
            mean[j] /= batch;
        }
        return mean;
    }
}
