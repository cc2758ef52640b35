package org.sae4j.train;

import java.util.List;
import org.sae4j.model.BatchResult;
import org.sae4j.model.Model;
import org.sae4j.nn.Parameter;
import org.sae4j.optim.Optimizer;
import org.sae4j.tensor.Finite;
import org.sae4j.tensor.PhaseTimer;

/**
 * What follows a step's gradients, in this order for the trainer, the multi-model sweep and the bench alike:
 * a finite check, gradient clipping, the model's {@code beforeStep} (decoder-gradient projection), the optimizer
 * step, the model's {@code afterStep} (decoder renormalisation, BatchTopK's threshold).
 */
public final class Update {
    private Update() {
    }

    /**
     * Applies the update for {@code step}'s gradients at {@code lrScale} times the optimizer's rate; returns false
     * and changes nothing when the loss or a gradient is not finite.
     */
    public static boolean apply(Model model, Optimizer optimizer, BatchResult step, double lrScale, double clipGradNorm) {
        PhaseTimer.start();
        if (!Double.isFinite(step.total()) || !finite(model.parameters())) {
            return false;
        }
        clip(model.parameters(), clipGradNorm);
        PhaseTimer.lap("finite check, clipping");
        model.beforeStep();
        PhaseTimer.lap("decoder gradient projection");
        optimizer.step(model.parameters(), lrScale);
        PhaseTimer.lap("optimizer");
        model.afterStep(step);
        PhaseTimer.lap("decoder renorm");
        return true;
    }

    static boolean finite(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            if (!Finite.all(p.grad())) {
                return false;
            }
        }
        return true;
    }

    /** Rescales every gradient when their global L2 norm exceeds {@code maxNorm} (0: never). */
    static void clip(List<Parameter> parameters, double maxNorm) {
        if (maxNorm <= 0) {
            return;
        }
        double sq = 0;
        for (Parameter p : parameters) {
            for (float g : p.grad()) {
                sq += (double) g * g;
            }
        }
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            float s = (float) (maxNorm / norm);
            for (Parameter p : parameters) {
                float[] g = p.grad();
                for (int i = 0; i < g.length; i++) {
                    g[i] *= s;
                }
            }
        }
    }
}
