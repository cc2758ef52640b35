package org.sae4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.sae4j.InvalidInputException;
import org.sae4j.nn.GradientCheck;

class PenaltyTest {
    private static final int BATCH = 4;
    private static final int UNITS = 3;

    /** Activations in (0.05, 0.95), as a sigmoid code layer gives. */
    private static float[] unitActivations(long seed) {
        Random r = new Random(seed);
        float[] a = new float[BATCH * UNITS];
        for (int i = 0; i < a.length; i++) {
            a[i] = 0.05f + 0.9f * r.nextFloat();
        }
        return a;
    }

    /** Values with |v| in [0.1, 1], both signs: far from the L1 kink at 0. */
    private static float[] signedAwayFromZero(long seed, int n) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            float mag = 0.1f + 0.9f * r.nextFloat();
            a[i] = i % 2 == 0 ? mag : -mag;
        }
        return a;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    // ---- KL sparsity ----

    @Test
    void klByHand() {
        // one unit, mean (0.4 + 0.6) / 2 = 0.5: beta (rho ln(rho/0.5) + (1-rho) ln((1-rho)/0.5))
        KlSparsity kl = new KlSparsity(0.1, 2);
        float[] grad = new float[2];
        assertEquals(0.7361284143369942, kl.evaluate(new float[] {0.4f, 0.6f}, 2, 1, grad), 1e-6);
        // d/da_i = beta (-rho/q + (1-rho)/(1-q)) / batch = 2 (-0.2 + 1.8) / 2 = 1.6
        assertArrayEquals(new float[] {1.6f, 1.6f}, grad, 1e-5f);
    }

    @Test
    void klGradientMatchesFiniteDifferences() {
        KlSparsity kl = new KlSparsity(0.05, 3);
        float[] a = unitActivations(1);
        float[] grad = new float[a.length];
        kl.evaluate(a, BATCH, UNITS, grad);
        GradientCheck.check("kl", a, grad, 1e-3f, () -> kl.evaluate(a, BATCH, UNITS, null));
    }

    @Test
    void klGradientMatchesFiniteDifferencesForAHighTarget() {
        KlSparsity kl = new KlSparsity(0.8, 0.5);
        float[] a = unitActivations(2);
        float[] grad = new float[a.length];
        kl.evaluate(a, BATCH, UNITS, grad);
        GradientCheck.check("kl rho 0.8", a, grad, 1e-3f, () -> kl.evaluate(a, BATCH, UNITS, null));
    }

    @Test
    void klIsZeroWhenEveryMeanEqualsRho() {
        KlSparsity kl = new KlSparsity(0.25, 3);
        // column means: (0.125 + 0.375) / 2, (0.25 + 0.25) / 2, (0.5 + 0) / 2 — all 0.25, exact in float
        float[] a = {0.125f, 0.25f, 0.5f, 0.375f, 0.25f, 0f};
        float[] grad = new float[6];
        assertEquals(0.0, kl.evaluate(a, 2, 3, grad), 1e-12);
        assertArrayEquals(new float[6], grad, 1e-6f);
        // and strictly positive as soon as one mean moves
        a[0] = 0.2f;
        assertTrue(kl.evaluate(a, 2, 3, null) > 1e-4);
    }

    @Test
    void klAddsIntoGrad() {
        KlSparsity kl = new KlSparsity(0.05, 3);
        float[] a = unitActivations(3);
        float[] fresh = new float[a.length];
        kl.evaluate(a, BATCH, UNITS, fresh);
        float[] acc = filled(a.length, 1f);
        kl.evaluate(a, BATCH, UNITS, acc);
        for (int i = 0; i < a.length; i++) {
            assertEquals(fresh[i] + 1f, acc[i], 1e-5f);
        }
    }

    @Test
    void klStaysFiniteAtZeroAndOneMeans() {
        KlSparsity kl = new KlSparsity(0.05, 1);
        float[] grad = new float[4];
        double p = kl.evaluate(new float[] {0f, 1f, 0f, 1f}, 2, 2, grad);
        assertTrue(Double.isFinite(p) && p > 0, "penalty " + p);
        for (float g : grad) {
            assertTrue(Float.isFinite(g), java.util.Arrays.toString(grad));
        }
        assertTrue(grad[0] < 0 && grad[1] > 0, "pushes the means back towards rho");
    }

    // ---- L1 activity ----

    @Test
    void l1ActivityByHand() {
        L1Activity l1 = new L1Activity(0.5);
        float[] grad = new float[4];
        // lambda * (1 + 2 + 3 + 4) / batch 2
        assertEquals(2.5, l1.evaluate(new float[] {1, -2, 3, -4}, 2, 2, grad), 1e-12);
        assertArrayEquals(new float[] {0.25f, -0.25f, 0.25f, -0.25f}, grad);
    }

    @Test
    void l1ActivityGradientMatchesFiniteDifferences() {
        L1Activity l1 = new L1Activity(0.3);
        float[] a = signedAwayFromZero(4, BATCH * UNITS);
        float[] grad = new float[a.length];
        l1.evaluate(a, BATCH, UNITS, grad);
        GradientCheck.check("l1 activity", a, grad, 1e-2f, () -> l1.evaluate(a, BATCH, UNITS, null));
    }

    @Test
    void l1ActivityAddsIntoGrad() {
        L1Activity l1 = new L1Activity(0.4);
        float[] grad = {1f, 1f};
        l1.evaluate(new float[] {2f, -3f}, 1, 2, grad);
        assertArrayEquals(new float[] {1.4f, 0.6f}, grad, 1e-6f);
    }

    // ---- weight penalties ----

    @Test
    void l1WeightsByHand() {
        float[] grad = new float[3];
        assertEquals(0.1 * 6.5, new L1Weights(0.1).evaluate(new float[] {1f, -2.5f, 3f}, grad), 1e-7);
        assertArrayEquals(new float[] {0.1f, -0.1f, 0.1f}, grad);
    }

    @Test
    void l2WeightsByHand() {
        float[] grad = new float[3];
        // lambda Σ w², no ½: 0.1 (1 + 6.25 + 9)
        assertEquals(1.625, new L2Weights(0.1).evaluate(new float[] {1f, -2.5f, 3f}, grad), 1e-7);
        assertArrayEquals(new float[] {0.2f, -0.5f, 0.6f}, grad, 1e-6f);
    }

    @Test
    void weightPenaltyGradientsMatchFiniteDifferences() {
        for (WeightPenalty p : new WeightPenalty[] {new L1Weights(0.2), new L2Weights(0.7)}) {
            float[] w = signedAwayFromZero(5, 15);
            float[] grad = new float[w.length];
            p.evaluate(w, grad);
            GradientCheck.check(p.toString(), w, grad, 1e-2f, () -> p.evaluate(w, null));
        }
    }

    @Test
    void weightPenaltiesAddIntoGradRatherThanOverwrite() {
        float[] w = {0.5f, -0.25f};
        float[] g1 = {10f, 20f};
        new L1Weights(0.1).evaluate(w, g1);
        assertArrayEquals(new float[] {10.1f, 19.9f}, g1, 1e-5f);
        float[] g2 = {10f, 20f};
        new L2Weights(0.1).evaluate(w, g2);
        assertArrayEquals(new float[] {10.1f, 19.95f}, g2, 1e-5f);
        // both on the same array, as the model does for a kernel
        float[] g3 = {0f, 0f};
        new L1Weights(0.1).evaluate(w, g3);
        new L2Weights(0.1).evaluate(w, g3);
        assertArrayEquals(new float[] {0.2f, -0.15f}, g3, 1e-6f);
    }

    @Test
    void zeroWeightsAreAllowedAndCostNothing() {
        assertEquals(0.0, new L1Weights(0).evaluate(new float[] {3f}, null));
        assertEquals(0.0, new L2Weights(0).evaluate(new float[] {3f}, null));
        assertEquals(0.0, new L1Activity(0).evaluate(new float[] {3f}, 1, 1, null));
        assertEquals(0.0, new KlSparsity(0.1, 0).evaluate(new float[] {0.7f}, 1, 1, null));
    }

    // ---- hyperparameter validation ----

    private static void assertRejected(Supplier<?> make, String mustName) {
        InvalidInputException e = assertThrows(InvalidInputException.class, make::get);
        assertTrue(e.getMessage().contains(mustName), "message should name " + mustName + ": " + e.getMessage());
    }

    @Test
    void klRejectsRhoOutsideOpenUnitInterval() {
        for (double rho : new double[] {0, 1, 1.5, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertRejected(() -> new KlSparsity(rho, 1), "rho=" + rho);
        }
    }

    @Test
    void klRejectsBadBeta() {
        for (double beta : new double[] {-1, -1e-9, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertRejected(() -> new KlSparsity(0.05, beta), "beta=" + beta);
        }
    }

    @Test
    void lambdasRejectNegativeNanAndInfinity() {
        for (double bad : new double[] {-1, -0.001, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            String v = String.valueOf(bad);
            assertRejected(() -> new L1Activity(bad), v);
            assertRejected(() -> new L1Weights(bad), v);
            assertRejected(() -> new L2Weights(bad), v);
        }
        assertRejected(() -> new L1Activity(-2), "l1 activity");
        assertRejected(() -> new L1Weights(-2), "l1 weight");
        assertRejected(() -> new L2Weights(-2), "l2 weight");
    }
}
