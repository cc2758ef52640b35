package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.model.sae.SaeFixtures.BATCH;
import static org.sae4j.model.sae.SaeFixtures.WIDTH;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sae4j.model.StepContext;
import org.sae4j.nn.GradientCheck;
import org.sae4j.nn.Parameter;

/**
 * Finite-difference checks of every architecture's training loss in every parameter. What has no true
 * derivative is checked against its documented pseudo-gradient instead: JumpReLU's θ and L0 term in
 * {@link JumpReluPseudoGradientTest}, AuxK in {@link AuxKGradientTest}; the gated SAE's auxiliary term stops
 * its gradient at the decoder, so the check holds that decoder fixed as the definition says. The ReLU-like
 * architectures' sparse step is checked too, forced on the fixture's batch (too dense to choose it).
 */
class SaeGradientTest {
    private static final float EPS = 2e-3f;

    @AfterEach
    void reset() {
        SparseAutoencoder.sparseOnlyForTests = false;
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyParameterMatchesFiniteDifferences(Architecture a) {
        check(a);
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"STANDARD", "JUMPRELU"})
    void theSparseStepMatchesFiniteDifferences(Architecture a) {
        SparseAutoencoder.sparseOnlyForTests = true;
        check(a);
    }

    private static void check(Architecture a) {
        SparseAutoencoder m = SaeFixtures.model(a);
        float[] x = SaeFixtures.inputs(3);
        // A partial sparsity warm-up scales the penalty. JumpReLU's L0 term has only pseudo-gradients (on θ and
        // on the pre-activations), checked against their formula in JumpReluPseudoGradientTest; here it is off.
        StepContext ctx = new StepContext(null, a == Architecture.JUMPRELU ? 0.0 : 0.7);
        if (m instanceof GatedSae g) {
            g.freezeAuxDecoder(m.decoderWeight().value().clone(), m.decoderBias().value().clone());
        }
        m.forwardBackward(x, BATCH, ctx);
        Map<String, float[]> analytic = new HashMap<>();
        for (Parameter p : m.parameters()) {
            analytic.put(p.name(), p.grad().clone());
        }
        int checked = 0;
        for (Parameter p : m.parameters()) {
            if (p.name().equals("log_threshold")) {
                continue; // a pseudo-gradient: checked against its formula elsewhere
            }
            checked += GradientCheck.check(a.id() + " " + p.name(), p.value(), analytic.get(p.name()), EPS,
                    GradientCheck.ABS_TOL, GradientCheck.REL_TOL, () -> m.forwardBackward(x, BATCH, ctx).total(), i -> true);
        }
        assertTrue(checked > 2 * WIDTH * SaeFixtures.D, "checked " + checked);
    }
}
