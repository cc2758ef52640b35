package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.model.sae.SaeFixtures.BATCH;
import static org.sae4j.model.sae.SaeFixtures.D;
import static org.sae4j.model.sae.SaeFixtures.WIDTH;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sae4j.model.StepContext;
import org.sae4j.tensor.JavaKernels;

/**
 * JumpReLU's threshold has no true derivative; its straight-through pseudo-gradient is checked against the
 * documented formula, recomputed here in double from the parameters:
 * d/dθ_i = Σ_b K((z − θ_i)/ε)·(−θ_i/ε · dL/df_b,i − (1/ε)·dS/dL0 / B), and d/dlog θ = θ · d/dθ;
 * the pre-activations get H(z − θ)·dL/df + K((z − θ)/ε)·(1/ε)·dS/dL0 / B, seen in b_enc's gradient (its sum
 * over the batch) and W_enc's.
 */
class JumpReluPseudoGradientTest {

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, 4.0})
    void thresholdGradientFollowsTheRectangleKernelFormula(double targetL0) {
        double lambda = 0.3;
        double eps = 0.8; // wide, so many pre-activations fall inside the kernel
        double scale = 0.6;
        SaeBuilder b = SaeBuilder.of(Architecture.JUMPRELU, D).width(WIDTH).coefficient(lambda).bandwidth(eps)
                .initialThreshold(0.4).seed(5);
        if (!Double.isNaN(targetL0)) {
            b.targetL0(targetL0);
        }
        SparseAutoencoder m = SparseAutoencoder.create(b.config(), JavaKernels.INSTANCE);
        float[] x = SaeFixtures.inputs(9);
        m.forwardBackward(x, BATCH, new StepContext(null, scale));
        float[] analytic = m.parameters().stream().filter(p -> p.name().equals("log_threshold")).findFirst()
                .orElseThrow().grad();
        float[] encoderBias = m.encoderBias().grad();
        float[] encoderWeight = m.encoderWeight().grad();

        float[] we = m.encoderWeight().value();
        float[] be = m.encoderBias().value();
        float[] wd = m.decoderWeight().value();
        float[] bd = m.decoderBias().value();
        float[] theta = ((JumpReluSae) m).threshold();
        double[][] z = new double[BATCH][WIDTH];
        double[][] f = new double[BATCH][WIDTH];
        long active = 0;
        for (int r = 0; r < BATCH; r++) {
            for (int i = 0; i < WIDTH; i++) {
                double s = be[i];
                for (int j = 0; j < D; j++) {
                    s += (x[r * D + j] - bd[j]) * we[i * D + j];
                }
                z[r][i] = s;
                f[r][i] = s > theta[i] ? s : 0;
                active += s > theta[i] ? 1 : 0;
            }
        }
        double l0 = (double) active / BATCH;
        double slope = Double.isNaN(targetL0) ? lambda * scale : lambda * scale * 2 * (l0 / targetL0 - 1) / targetL0;
        int inBand = 0;
        for (int i = 0; i < WIDTH; i++) {
            double dTheta = 0;
            double dBias = 0;
            double[] dWeight = new double[D];
            for (int r = 0; r < BATCH; r++) {
                double df = 0; // dMSE/df_r,i = Σ_j 2(x̂ − x)_j / (B·d) · W_dec[i, j]
                for (int j = 0; j < D; j++) {
                    double out = bd[j];
                    for (int l = 0; l < WIDTH; l++) {
                        out += f[r][l] * wd[l * D + j];
                    }
                    df += 2 * (out - x[r * D + j]) / (BATCH * D) * wd[i * D + j];
                }
                boolean window = Math.abs(z[r][i] - theta[i]) < eps / 2;
                if (window) {
                    inBand++;
                    dTheta += df * (-theta[i] / eps) + slope / BATCH * (-1 / eps);
                }
                double dz = (z[r][i] > theta[i] ? df : 0) + (window ? slope / BATCH / eps : 0);
                dBias += dz;
                for (int j = 0; j < D; j++) {
                    dWeight[j] += dz * (x[r * D + j] - bd[j]);
                }
            }
            assertEquals(theta[i] * dTheta, analytic[i], 1e-5 + 1e-4 * Math.abs(theta[i] * dTheta), "latent " + i);
            assertEquals(dBias, encoderBias[i], 1e-5 + 1e-4 * Math.abs(dBias), "b_enc " + i);
            for (int j = 0; j < D; j++) {
                assertEquals(dWeight[j], encoderWeight[i * D + j], 1e-5 + 1e-4 * Math.abs(dWeight[j]), "W_enc " + i + "," + j);
            }
        }
        assertTrue(inBand > 5, "only " + inBand + " pre-activations inside the kernel");
    }
}
