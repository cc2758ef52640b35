package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.model.sae.SaeFixtures.BATCH;
import static org.sae4j.model.sae.SaeFixtures.D;
import static org.sae4j.model.sae.SaeFixtures.WIDTH;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sae4j.model.BatchResult;
import org.sae4j.model.StepContext;
import org.sae4j.nn.GradientCheck;
import org.sae4j.nn.Parameter;

/**
 * AuxK's gradient treats the residual e = x − x̂ as a constant. The check: the gradient a dead mask adds
 * (with the mask minus without) equals the finite-difference gradient of the documented AuxK loss,
 * recomputed here from scratch with e frozen:
 * aux = c · min(dead/k_aux, 1) · (Σ(ê − e)² / Σ‖e − ē‖²) · Σ‖x − x̄‖² / (B·d),
 * ê = Σ_{top k_aux dead i} ReLU(z_i)·W_dec,i, the sums over the batch.
 */
class AuxKGradientTest {

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"TOPK", "BATCHTOPK", "MATRYOSHKA"})
    void auxKGradientIsTheFrozenResidualFormula(Architecture a) {
        SparseAutoencoder m = SaeFixtures.model(a);
        float[] x = SaeFixtures.inputs(4);
        boolean[] dead = new boolean[WIDTH];
        for (int i = 0; i < WIDTH; i += 2) {
            dead[i] = true; // 6 dead latents, k_aux = 3
        }
        BatchResult plain = m.forwardBackward(x, BATCH, StepContext.PLAIN);
        List<float[]> without = grads(m);
        BatchResult withAux = m.forwardBackward(x, BATCH, new StepContext(dead, 1.0));
        List<float[]> with = grads(m);
        float[] residual = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            residual[i] = x[i] - plain.output()[i];
        }
        assertEquals(auxLoss(m, x, residual, dead), withAux.aux(), 1e-9 + 1e-6 * withAux.aux());
        assertTrue(withAux.aux() > 0);
        int p = 0;
        for (Parameter param : m.parameters()) {
            float[] added = new float[param.size()];
            for (int i = 0; i < added.length; i++) {
                added[i] = with.get(p)[i] - without.get(p)[i];
            }
            GradientCheck.check(a.id() + " AuxK " + param.name(), param.value(), added, 2e-3f, 1e-5, 2e-2,
                    () -> auxLoss(m, x, residual, dead), i -> true);
            p++;
        }
    }

    private static List<float[]> grads(SparseAutoencoder m) {
        List<float[]> g = new ArrayList<>();
        m.parameters().forEach(p -> g.add(p.grad().clone()));
        return g;
    }

    /** The AuxK loss by its definition, in double, with the residual held fixed. */
    static double auxLoss(SparseAutoencoder m, float[] x, float[] residual, boolean[] dead) {
        SaeConfig c = m.config();
        float[] we = m.encoderWeight().value();
        float[] be = m.encoderBias().value();
        float[] wd = m.decoderWeight().value();
        float[] bd = m.decoderBias().value();
        int deadCount = 0;
        for (boolean b : dead) {
            deadCount += b ? 1 : 0;
        }
        int k = Math.min(c.auxK(), deadCount);
        double sum = 0;
        for (int r = 0; r < BATCH; r++) {
            double[] z = new double[WIDTH];
            for (int i = 0; i < WIDTH; i++) {
                z[i] = be[i];
                for (int j = 0; j < D; j++) {
                    z[i] += (x[r * D + j] - bd[j]) * we[i * D + j];
                }
            }
            boolean[] taken = new boolean[WIDTH];
            double[] recon = new double[D];
            for (int t = 0; t < k; t++) {
                int best = -1;
                for (int i = 0; i < WIDTH; i++) {
                    if (dead[i] && !taken[i] && (best < 0 || z[i] > z[best])) {
                        best = i;
                    }
                }
                taken[best] = true;
                for (int j = 0; j < D; j++) {
                    recon[j] += Math.max(z[best], 0) * wd[best * D + j];
                }
            }
            for (int j = 0; j < D; j++) {
                double e = recon[j] - residual[r * D + j];
                sum += e * e;
            }
        }
        return c.auxCoefficient() * Math.min((double) deadCount / c.auxK(), 1.0) * sum / centredSquares(residual)
                * centredSquares(x) / (BATCH * D);
    }

    /** Σ_r ‖v_r − v̄‖² over the batch's rows, two passes in double. */
    private static double centredSquares(float[] v) {
        double total = 0;
        for (int j = 0; j < D; j++) {
            double mean = 0;
            for (int r = 0; r < BATCH; r++) {
                mean += v[r * D + j];
            }
            mean /= BATCH;
            for (int r = 0; r < BATCH; r++) {
                double d = v[r * D + j] - mean;
                total += d * d;
            }
        }
        return total;
    }
}
