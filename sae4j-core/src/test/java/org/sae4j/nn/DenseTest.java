package org.sae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sae4j.tensor.Kernels;
import org.sae4j.tensor.Rng;

class DenseTest {
    private static final int IN = 5;
    private static final int OUT = 4;
    private static final int BATCH = 3;

    /** A layer plus input and objective weights chosen so no pre-activation lies within 0.05 of relu's kink. */
    private static final class Setup {
        final Dense layer;
        final float[] x;
        final float[] c;

        Setup(Activation act, long seed) {
            Random r = new Random(seed);
            Dense d = null;
            float[] xs = null;
            for (int attempt = 0; ; attempt++) {
                d = new Dense("t", IN, OUT, act, Kernels.defaults());
                fill(d.weight().value(), r, 1f);
                fill(d.bias().value(), r, 0.5f);
                xs = new float[BATCH * IN];
                fill(xs, r, 1f);
                if (minAbsPreActivation(d, xs) >= 0.05 || attempt > 1000) {
                    break;
                }
            }
            layer = d;
            x = xs;
            c = new float[BATCH * OUT];
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) r.nextGaussian();
            }
        }

        double objective() {
            float[] y = layer.forward(x, BATCH);
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                s += (double) c[i] * y[i];
            }
            return s;
        }

        /** Analytic gradients: zeroes the parameter grads, runs forward + backward, returns the input grad. */
        float[] backward(boolean needInputGrad) {
            layer.parameters().forEach(Parameter::zeroGrad);
            layer.forward(x, BATCH);
            return layer.backward(c.clone(), BATCH, needInputGrad);
        }
    }

    private static void fill(float[] a, Random r, float scale) {
        for (int i = 0; i < a.length; i++) {
            a[i] = scale * (2 * r.nextFloat() - 1);
        }
    }

    /** z = x·W + b in double, straight from the [in, out] row-major convention. */
    private static double[] naivePreActivation(Dense d, float[] x) {
        float[] w = d.weight().value();
        float[] b = d.bias().value();
        double[] z = new double[BATCH * OUT];
        for (int i = 0; i < BATCH; i++) {
            for (int j = 0; j < OUT; j++) {
                double s = b[j];
                for (int p = 0; p < IN; p++) {
                    s += (double) x[i * IN + p] * w[p * OUT + j];
                }
                z[i * OUT + j] = s;
            }
        }
        return z;
    }

    private static double minAbsPreActivation(Dense d, float[] x) {
        double min = Double.MAX_VALUE;
        for (double z : naivePreActivation(d, x)) {
            min = Math.min(min, Math.abs(z));
        }
        return min;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void forwardIsActivationOfXWPlusB(Activation act) {
        Setup s = new Setup(act, 11);
        double[] z = naivePreActivation(s.layer, s.x);
        float[] zf = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            zf[i] = (float) z[i];
        }
        float[] expected = new float[z.length];
        act.forward(zf, expected);
        assertArrayEquals(expected, s.layer.forward(s.x, BATCH), 1e-5f);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void weightGradientMatchesFiniteDifferences(Activation act) {
        Setup s = new Setup(act, 100 + act.ordinal());
        s.backward(false);
        float[] analytic = s.layer.weight().grad().clone();
        GradientCheck.check(act.id() + " weight", s.layer.weight().value(), analytic, 1e-2f, s::objective);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void biasGradientMatchesFiniteDifferences(Activation act) {
        Setup s = new Setup(act, 200 + act.ordinal());
        s.backward(false);
        float[] analytic = s.layer.bias().grad().clone();
        GradientCheck.check(act.id() + " bias", s.layer.bias().value(), analytic, 1e-2f, s::objective);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void inputGradientMatchesFiniteDifferences(Activation act) {
        Setup s = new Setup(act, 300 + act.ordinal());
        float[] gradIn = s.backward(true);
        assertNotNull(gradIn);
        assertEquals(BATCH * IN, gradIn.length);
        GradientCheck.check(act.id() + " input", s.x, gradIn, 1e-2f, s::objective);
    }

    @Test
    void reluSetupExercisesBothSidesOfTheKink() {
        Setup s = new Setup(Activation.RELU, 100 + Activation.RELU.ordinal());
        double[] z = naivePreActivation(s.layer, s.x);
        boolean pos = false;
        boolean neg = false;
        for (double v : z) {
            pos |= v > 0;
            neg |= v < 0;
        }
        assertTrue(pos && neg, "relu gradient check must see active and inactive units");
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void withoutInputGradReturnsNullButFillsParameterGrads(Activation act) {
        Setup s = new Setup(act, 400 + act.ordinal());
        s.backward(true);
        float[] wWith = s.layer.weight().grad().clone();
        float[] bWith = s.layer.bias().grad().clone();
        assertNull(s.backward(false));
        assertArrayEquals(wWith, s.layer.weight().grad());
        assertArrayEquals(bWith, s.layer.bias().grad());
        boolean any = false;
        for (float g : wWith) {
            any |= g != 0f;
        }
        assertTrue(any, "weight gradient should not be all zero");
    }

    @Test
    void backwardAddsToExistingParameterGrads() {
        Setup s = new Setup(Activation.TANH, 500);
        s.backward(false);
        float[] once = s.layer.weight().grad().clone();
        float[] onceB = s.layer.bias().grad().clone();
        s.layer.forward(s.x, BATCH);
        s.layer.backward(s.c.clone(), BATCH, false);
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], s.layer.weight().grad()[i], 1e-6f * (1 + Math.abs(once[i])));
        }
        for (int i = 0; i < onceB.length; i++) {
            assertEquals(2 * onceB[i], s.layer.bias().grad()[i], 1e-6f * (1 + Math.abs(onceB[i])));
        }
    }

    @Test
    void parametersHaveShapesNamesAndKinds() {
        Dense d = new Dense("enc.0", 7, 3, Activation.RELU, Kernels.defaults());
        assertEquals(7, d.inputSize());
        assertEquals(3, d.outputSize());
        assertArrayEquals(new int[] {7, 3}, d.weight().shape());
        assertEquals(21, d.weight().size());
        assertArrayEquals(new int[] {3}, d.bias().shape());
        assertEquals("enc.0.weight", d.weight().name());
        assertEquals("enc.0.bias", d.bias().name());
        assertTrue(d.weight().isKernel());
        assertTrue(!d.bias().isKernel());
        assertEquals(2, d.parameters().size());
    }

    @Test
    void glorotInitIsBoundedSeededAndZeroesBias() {
        Dense a = new Dense("a", 30, 20, Activation.RELU, Kernels.defaults());
        Dense b = new Dense("b", 30, 20, Activation.RELU, Kernels.defaults());
        java.util.Arrays.fill(a.bias().value(), 3f);
        a.initGlorotUniform(new Rng(5));
        b.initGlorotUniform(new Rng(5));
        assertArrayEquals(a.weight().value(), b.weight().value());
        float limit = (float) Math.sqrt(6.0 / 50);
        float max = 0;
        for (float w : a.weight().value()) {
            assertTrue(Math.abs(w) <= limit, "weight " + w + " beyond " + limit);
            max = Math.max(max, Math.abs(w));
        }
        assertTrue(max > 0.8f * limit, "weights should spread over the range");
        assertArrayEquals(new float[20], a.bias().value());
    }
}
