package org.sae4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.sae4j.InvalidInputException;
import org.sae4j.nn.Parameter;

class OptimizerTest {

    private static Parameter param(float... values) {
        Parameter p = new Parameter("p", new int[] {values.length}, true);
        System.arraycopy(values, 0, p.value(), 0, values.length);
        return p;
    }

    private static void step(Optimizer opt, Parameter p, float... grad) {
        System.arraycopy(grad, 0, p.grad(), 0, grad.length);
        opt.step(List.of(p));
    }

    // ---- Adam ----

    @Test
    void adamFirstStepIsLearningRateTimesSignWhateverTheScale() {
        float[] g = {1e-3f, 5f, -2f, 300f, -0.07f};
        Parameter p = param(0.5f, 0.5f, 0.5f, 0.5f, 0.5f);
        step(new Adam(0.01), p, g);
        for (int i = 0; i < g.length; i++) {
            float expected = 0.5f - 0.01f * Math.signum(g[i]);
            assertEquals(expected, p.value()[i], 1e-5f, "weight " + i + " with grad " + g[i]);
        }
    }

    @Test
    void adamLeavesZeroGradientWeightsAlone() {
        Parameter p = param(0.25f, -0.75f);
        step(new Adam(0.1), p, 0f, 0f);
        assertArrayEquals(new float[] {0.25f, -0.75f}, p.value());
    }

    @Test
    void adamTwoStepsByHand() {
        // lr 0.1, betas 0.9/0.999, eps 1e-8; grads 1 then 0.5:
        // m2 = 0.14, v2 = 0.001249, m̂ = 0.14/0.19, v̂ = 0.001249/0.001999 → w2 = 0.9 - 0.1 m̂/√v̂
        Adam adam = new Adam(0.1);
        Parameter p = param(1f, 1f);
        step(adam, p, 1f, -2f);
        assertEquals(0.900000001f, p.value()[0], 1e-6f);
        assertEquals(1.0999999995f, p.value()[1], 1e-6f);
        step(adam, p, 0.5f, 4f);
        assertEquals(0.8067820382981611f, p.value()[0], 2e-6f);
        assertEquals(1.0633896469121704f, p.value()[1], 2e-6f);
    }

    @Test
    void adamKeepsSeparateMomentsPerParameter() {
        Adam shared = new Adam(0.1);
        Parameter a = param(1f);
        Parameter b = param(1f);
        a.grad()[0] = 1f;
        b.grad()[0] = -1f;
        shared.step(List.of(a, b));
        a.grad()[0] = 0.5f;
        b.grad()[0] = 4f;
        shared.step(List.of(a, b));
        assertEquals(0.8067820382981611f, a.value()[0], 2e-6f);
        Adam alone = new Adam(0.1);
        Parameter c = param(1f);
        step(alone, c, -1f);
        step(alone, c, 4f);
        assertEquals(c.value()[0], b.value()[0], 1e-7f);
    }

    // ---- SGD ----

    @Test
    void sgdPlainByHand() {
        Sgd sgd = new Sgd(0.1, 0, false);
        Parameter p = param(1f, -1f);
        step(sgd, p, 1f, 2f);
        assertArrayEquals(new float[] {0.9f, -1.2f}, p.value(), 1e-6f);
        step(sgd, p, 0.5f, -3f);
        assertArrayEquals(new float[] {0.85f, -0.9f}, p.value(), 1e-6f);
    }

    @Test
    void sgdMomentumByHand() {
        // PyTorch: v ← μ v + g; w ← w − lr v
        Sgd sgd = new Sgd(0.1, 0.9, false);
        Parameter p = param(1f);
        step(sgd, p, 1f);          // v = 1,  w = 0.9
        assertEquals(0.9f, p.value()[0], 1e-6f);
        step(sgd, p, 0.5f);        // v = 1.4, w = 0.76
        assertEquals(0.76f, p.value()[0], 1e-6f);
        step(sgd, p, 0f);          // v = 1.26, w = 0.634
        assertEquals(0.634f, p.value()[0], 1e-6f);
    }

    @Test
    void sgdNesterovByHand() {
        // PyTorch: v ← μ v + g; w ← w − lr (g + μ v)
        Sgd sgd = new Sgd(0.1, 0.9, true);
        Parameter p = param(1f);
        step(sgd, p, 1f);          // v = 1,   w = 1 − 0.1 (1 + 0.9) = 0.81
        assertEquals(0.81f, p.value()[0], 1e-6f);
        step(sgd, p, 0.5f);        // v = 1.4, w = 0.81 − 0.1 (0.5 + 1.26) = 0.634
        assertEquals(0.634f, p.value()[0], 1e-6f);
    }

    // ---- convergence on a quadratic ----

    /** f(w) = Σ c_i (w_i − t_i)², ill-conditioned on purpose. */
    private static double minimise(Optimizer opt, int steps) {
        float[] t = {3f, -2f, 0.5f};
        float[] c = {1f, 10f, 0.1f};
        Parameter p = param(0f, 0f, 0f);
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < 3; i++) {
                p.grad()[i] = 2 * c[i] * (p.value()[i] - t[i]);
            }
            opt.step(List.of(p));
        }
        double dist = 0;
        for (int i = 0; i < 3; i++) {
            dist = Math.max(dist, Math.abs(p.value()[i] - t[i]));
        }
        return dist;
    }

    @Test
    void allOptimizersMinimiseAQuadratic() {
        assertTrue(minimise(new Adam(0.05), 3000) < 1e-2, "adam");
        assertTrue(minimise(new Sgd(0.04, 0, false), 3000) < 1e-3, "sgd");
        assertTrue(minimise(new Sgd(0.02, 0.9, false), 3000) < 1e-3, "sgd momentum");
        assertTrue(minimise(new Sgd(0.02, 0.9, true), 3000) < 1e-3, "sgd nesterov");
        // and the starting distance really was large
        assertTrue(minimise(new Sgd(1e-9, 0, false), 1) > 2.9);
    }

    // ---- validation ----

    private static void assertRejected(Supplier<?> make, String mustName) {
        InvalidInputException e = assertThrows(InvalidInputException.class, make::get);
        assertTrue(e.getMessage().contains(mustName), "message should name " + mustName + ": " + e.getMessage());
    }

    @Test
    void rejectsBadLearningRates() {
        for (double lr : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertRejected(() -> new Adam(lr), String.valueOf(lr));
            assertRejected(() -> new Sgd(lr, 0, false), String.valueOf(lr));
            assertRejected(() -> new Adam(lr), "learning rate");
        }
    }

    @Test
    void rejectsBadMomentumAndBetas() {
        for (double mu : new double[] {1, 1.5, -0.1, Double.NaN}) {
            assertRejected(() -> new Sgd(0.1, mu, false), String.valueOf(mu));
        }
        assertRejected(() -> new Adam(0.1, 1, 0.999, 1e-8), "1.0");
        assertRejected(() -> new Adam(0.1, 0.9, 1, 1e-8), "1.0");
        assertRejected(() -> new Adam(0.1, 0.9, 0.999, 0), "epsilon");
    }

    @Test
    void factoryBuildsByNameWithDefaults() {
        assertEquals("adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8)", Optimizers.create("adam", null, 0, false).describe());
        assertEquals("sgd(lr=0.01, momentum=0.0)", Optimizers.create(" SGD ", null, 0, false).describe());
        assertEquals("sgd(lr=0.5, momentum=0.9, nesterov)", Optimizers.create("sgd", 0.5, 0.9, true).describe());
        assertRejected(() -> Optimizers.create("rmsprop", null, 0, false), "'rmsprop'");
        assertRejected(() -> Optimizers.create("sgd", 0.1, 1.0, false), "1.0");
    }
}
