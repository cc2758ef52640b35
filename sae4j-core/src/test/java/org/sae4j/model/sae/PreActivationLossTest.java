package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.model.sae.SaeFixtures.BATCH;
import static org.sae4j.model.sae.SaeFixtures.D;
import static org.sae4j.model.sae.SaeFixtures.WIDTH;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sae4j.model.BatchResult;
import org.sae4j.model.StepContext;
import org.sae4j.nn.GradientCheck;
import org.sae4j.nn.Parameter;

/**
 * JumpReLU's pre-activation loss on dead latents. The check: the gradient a dead mask adds (with the mask minus
 * without; nothing else in a JumpReLU step reads the mask) equals the finite-difference gradient of the documented
 * loss c·ε·(1/B)·Σ_b Σ_{i dead} ReLU(θ_i − z_b,i)·‖W_dec,i‖, recomputed here from the weights in double, on the
 * dense and the sparse step alike; and the reported loss is that value.
 */
class PreActivationLossTest {
    private static final double C = 2.0;
    private static final double EPS = 0.05; // the fixture's bandwidth

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void gradientIsTheDocumentedLoss(boolean dense) {
        SparseAutoencoder m = SaeFixtures.model(Architecture.JUMPRELU, b -> b.preActCoefficient(C));
        float[] x = SaeFixtures.inputs(4);
        boolean[] dead = new boolean[WIDTH];
        for (int i = 0; i < WIDTH; i += 2) {
            dead[i] = true;
        }
        assertTrue(firesSomewhere(m, x, dead), "a dead latent firing on some row exercises the rows left out");
        SparseAutoencoder.denseOnlyForTests = dense;
        SparseAutoencoder.sparseOnlyForTests = !dense;
        BatchResult with;
        List<float[]> without;
        try {
            m.forwardBackward(x, BATCH, StepContext.PLAIN);
            without = grads(m);
            with = m.forwardBackward(x, BATCH, new StepContext(dead, 1.0));
        } finally {
            SparseAutoencoder.denseOnlyForTests = false;
            SparseAutoencoder.sparseOnlyForTests = false;
        }
        double expected = loss(m, x, dead);
        assertTrue(expected > 0);
        assertEquals(expected, with.aux(), 1e-9 + 1e-6 * expected);
        int p = 0;
        for (Parameter param : m.parameters()) {
            float[] added = new float[param.size()];
            for (int i = 0; i < added.length; i++) {
                added[i] = param.grad()[i] - without.get(p)[i];
            }
            GradientCheck.check("pre-activation loss " + param.name(), param.value(), added, 1e-3f, 1e-5, 2e-2,
                    () -> loss(m, x, dead), i -> true);
            p++;
        }
    }

    @Test
    void offWithoutDeadLatentsOrCoefficient() {
        SparseAutoencoder m = SaeFixtures.model(Architecture.JUMPRELU, b -> b.preActCoefficient(0));
        boolean[] dead = new boolean[WIDTH];
        dead[0] = true;
        assertEquals(0, m.forwardBackward(SaeFixtures.inputs(4), BATCH, new StepContext(dead, 1.0)).aux());
        SparseAutoencoder on = SaeFixtures.model(Architecture.JUMPRELU, b -> b.preActCoefficient(C));
        assertEquals(0, on.forwardBackward(SaeFixtures.inputs(4), BATCH, StepContext.PLAIN).aux());
    }

    private static List<float[]> grads(SparseAutoencoder m) {
        List<float[]> g = new ArrayList<>();
        m.parameters().forEach(q -> g.add(q.grad().clone()));
        return g;
    }

    /** z_b,i = W_enc,i · (x_b − b_dec) + b_enc,i in double. */
    private static double pre(SparseAutoencoder m, float[] x, int r, int i) {
        float[] we = m.encoderWeight().value();
        float[] bd = m.decoderBias().value();
        double z = m.encoderBias().value()[i];
        for (int j = 0; j < D; j++) {
            z += (x[r * D + j] - bd[j]) * we[i * D + j];
        }
        return z;
    }

    private static boolean firesSomewhere(SparseAutoencoder m, float[] x, boolean[] dead) {
        float[] theta = ((JumpReluSae) m).threshold();
        for (int i = 0; i < WIDTH; i++) {
            for (int r = 0; r < BATCH; r++) {
                if (dead[i] && pre(m, x, r, i) >= theta[i]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The loss by its definition, θ = exp(log θ) from the parameter itself so that θ's derivative is checked too. */
    private static double loss(SparseAutoencoder m, float[] x, boolean[] dead) {
        float[] logTheta = m.parameters().stream().filter(q -> q.name().equals("log_threshold")).findFirst()
                .orElseThrow().value();
        float[] wd = m.decoderWeight().value();
        double sum = 0;
        for (int i = 0; i < WIDTH; i++) {
            if (!dead[i]) {
                continue;
            }
            double norm = 0;
            for (int j = 0; j < D; j++) {
                norm += (double) wd[i * D + j] * wd[i * D + j];
            }
            double theta = Math.exp(logTheta[i]);
            for (int r = 0; r < BATCH; r++) {
                sum += Math.max(0, theta - pre(m, x, r, i)) * Math.sqrt(norm);
            }
        }
        return C * EPS * sum / BATCH;
    }
}
