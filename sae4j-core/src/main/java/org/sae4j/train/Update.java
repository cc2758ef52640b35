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
 * a finite check, gradient clipping, the optimizer step (which keeps the model's constrained rows, the k-sparse
 * SAEs' unit-norm decoder rows, on their sets row by row), the model's {@code afterStep} (BatchTopK's threshold,
 * JumpReLU's and gated's budget thresholds).
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
        optimizer.step(model.parameters(), lrScale, model.rowConstraints());
        PhaseTimer.lap("optimizer, decoder norm");
        model.afterStep(step);
        PhaseTimer.lap("after step");
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
