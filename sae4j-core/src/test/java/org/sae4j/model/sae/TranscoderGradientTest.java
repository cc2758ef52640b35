package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.model.sae.SaeFixtures.BATCH;
import static org.sae4j.model.sae.SaeFixtures.D;
import static org.sae4j.model.sae.SaeFixtures.WIDTH;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.sae4j.model.StepContext;
import org.sae4j.nn.GradientCheck;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.JavaKernels;
import org.sae4j.tensor.Rng;

/**
 * {@link SaeGradientTest} for transcoders: every architecture reading d_in = 6 values and writing d_out = 4 (and
 * 9, wider than its input), plain and with a skip W_skip, its loss on rows [x | y] checked by finite differences
 * in every parameter, the skip's included. The ReLU-like architectures' sparse step is checked too.
 */
class TranscoderGradientTest {
    private static final float EPS = 2e-3f;

    @AfterEach
    void reset() {
        SparseAutoencoder.sparseOnlyForTests = false;
    }

    @ParameterizedTest(name = "{0}, d_out {1}, skip {2}")
    @CsvSource({"STANDARD,4,false", "STANDARD,4,true", "TOPK,4,false", "TOPK,9,true", "BATCHTOPK,4,false",
        "BATCHTOPK,4,true", "MATRYOSHKA,4,false", "MATRYOSHKA,9,true", "JUMPRELU,4,false", "JUMPRELU,4,true",
        "GATED,4,false", "GATED,9,true"})
    void everyParameterMatchesFiniteDifferences(Architecture a, int dOut, boolean skip) {
        check(a, dOut, skip);
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"STANDARD", "JUMPRELU"})
    void theSparseStepMatchesFiniteDifferences(Architecture a) {
        SparseAutoencoder.sparseOnlyForTests = true;
        check(a, 4, true);
    }

    /** A small transcoder of every architecture, with generic weights (W_skip too, which would start at zero). */
    static SparseAutoencoder transcoder(Architecture a, int dOut, boolean skip) {
        SaeBuilder b = SaeBuilder.of(a, D).width(WIDTH).seed(7).auxK(3).targetSize(dOut).skip(skip);
        switch (a) {
            case TOPK, BATCHTOPK -> b.k(3);
            case MATRYOSHKA -> b.k(3).groups(3, 4, 5);
            case JUMPRELU -> b.coefficient(0.05).bandwidth(0.05).initialThreshold(0.1);
            case STANDARD, GATED -> b.coefficient(0.05);
            default -> { }
        }
        SparseAutoencoder m = SparseAutoencoder.create(b.config(), JavaKernels.INSTANCE);
        Rng rng = new Rng(11);
        for (Parameter p : m.parameters()) {
            if (!p.name().equals("log_threshold")) {
                float[] v = p.value();
                for (int i = 0; i < v.length; i++) {
                    v[i] += (float) (0.3 * rng.gaussian());
                }
            }
        }
        return m;
    }

    /**
     * Gaussian rows; for JumpReLU, the first seed whose pre-activations all keep 0.02 from θ, so that no finite
     * difference (a step of EPS in a weight moves z by at most EPS·|x|, about 0.006) crosses the jump.
     */
    private static float[] rowsAwayFromThresholds(SparseAutoencoder m, int dOut) {
        for (long seed = 3; ; seed++) {
            float[] rows = SaeFixtures.gaussian(seed, BATCH * (D + dOut));
            if (!(m instanceof JumpReluSae j)) {
                return rows;
            }
            float[] theta = j.threshold();
            float[] w = m.encoderWeight().value();
            double margin = Double.POSITIVE_INFINITY;
            for (int r = 0; r < BATCH; r++) {
                for (int i = 0; i < WIDTH; i++) {
                    double z = m.encoderBias().value()[i];
                    for (int k = 0; k < D; k++) {
                        z += (double) rows[r * (D + dOut) + k] * w[i * D + k];
                    }
                    margin = Math.min(margin, Math.abs(z - theta[i]));
                }
            }
            if (margin > 0.02) {
                return rows;
            }
        }
    }

    private static void check(Architecture a, int dOut, boolean skip) {
        SparseAutoencoder m = transcoder(a, dOut, skip);
        assertEquals(D + dOut, m.rowSize());
        assertEquals(skip, m.skipWeight() != null);
        float[] rows = rowsAwayFromThresholds(m, dOut);
        StepContext ctx = new StepContext(null, a == Architecture.JUMPRELU ? 0.0 : 0.7);
        if (m instanceof GatedSae g) {
            g.freezeAuxDecoder(m.decoderWeight().value().clone(), m.decoderBias().value().clone(),
                    skip ? m.skipWeight().value().clone() : null);
        }
        m.forwardBackward(rows, BATCH, ctx);
        Map<String, float[]> analytic = new HashMap<>();
        for (Parameter p : m.parameters()) {
            analytic.put(p.name(), p.grad().clone());
        }
        int checked = 0;
        for (Parameter p : m.parameters()) {
            if (p.name().equals("log_threshold")) {
                continue; // a pseudo-gradient: JumpReluPseudoGradientTest
            }
            checked += GradientCheck.check(a.id() + " transcoder " + p.name(), p.value(), analytic.get(p.name()), EPS,
                    GradientCheck.ABS_TOL, GradientCheck.REL_TOL, () -> m.forwardBackward(rows, BATCH, ctx).total(),
                    i -> true);
        }
        assertTrue(checked > WIDTH * (D + dOut) + (skip ? D * dOut : 0), "checked " + checked);
    }
}
