package org.sae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sae4j.InvalidInputException;

class ActivationTest {
    private static final float[] Z = {-3f, -1f, -0.25f, 0.5f, 1f, 2f};

    private static float[] apply(Activation a, float[] z) {
        float[] out = new float[z.length];
        a.forward(z, out);
        return out;
    }

    @Test
    void linearIsIdentity() {
        assertArrayEquals(Z, apply(Activation.LINEAR, Z));
    }

    @Test
    void reluClipsNegatives() {
        assertArrayEquals(new float[] {0, 0, 0, 0.5f, 1, 2}, apply(Activation.RELU, Z));
        assertEquals(0f, apply(Activation.RELU, new float[] {0f})[0]);
    }

    @Test
    void sigmoidKnownValues() {
        float[] out = apply(Activation.SIGMOID, new float[] {0f, 2f, -2f, 40f, -40f});
        assertEquals(0.5f, out[0], 1e-7f);
        assertEquals(0.8807971f, out[1], 1e-6f);
        assertEquals(0.1192029f, out[2], 1e-6f);
        assertEquals(1f, out[3], 1e-7f);
        assertEquals(0f, out[4], 1e-7f);
        assertFalse(Float.isNaN(out[3]) || Float.isNaN(out[4]));
    }

    @Test
    void tanhKnownValues() {
        float[] out = apply(Activation.TANH, new float[] {0f, 1f, -1f, 0.5f, 30f});
        assertEquals(0f, out[0], 1e-7f);
        assertEquals(0.7615942f, out[1], 1e-6f);
        assertEquals(-0.7615942f, out[2], 1e-6f);
        assertEquals(0.46211716f, out[3], 1e-6f);
        assertEquals(1f, out[4], 1e-7f);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void forwardMayWriteInPlace(Activation a) {
        float[] z = Z.clone();
        float[] expected = apply(a, Z);
        a.forward(z, z);
        assertArrayEquals(expected, z);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backwardMatchesFiniteDifferences(Activation a) {
        Random r = new Random(7 + a.ordinal());
        int n = 40;
        float[] z = new float[n];
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            // keep |z| >= 0.1 so relu's kink at 0 is never straddled by the ±eps probe
            float mag = 0.1f + 2.4f * r.nextFloat();
            z[i] = r.nextBoolean() ? mag : -mag;
            c[i] = (float) r.nextGaussian();
        }
        float[] out = apply(a, z);
        float[] grad = c.clone();
        a.backward(z, out, grad);
        GradientCheck.check(a.id(), z, grad, 1e-3f, () -> {
            float[] y = apply(a, z);
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += (double) c[i] * y[i];
            }
            return s;
        });
    }

    @Test
    void reluBackwardZeroesNegativeSide() {
        float[] z = {-1f, 2f, -0.5f, 3f};
        float[] grad = {5f, 6f, 7f, 8f};
        Activation.RELU.backward(z, apply(Activation.RELU, z), grad);
        assertArrayEquals(new float[] {0f, 6f, 0f, 8f}, grad);
    }

    @Test
    void sigmoidBackwardAtZeroIsAQuarter() {
        float[] grad = {1f};
        Activation.SIGMOID.backward(new float[] {0f}, new float[] {0.5f}, grad);
        assertEquals(0.25f, grad[0]);
    }

    @Test
    void parseAcceptsAnyCaseAndSpaces() {
        assertEquals(Activation.SIGMOID, Activation.parse("Sigmoid"));
        assertEquals(Activation.TANH, Activation.parse(" tanh "));
        assertEquals(Activation.RELU, Activation.parse("RELU"));
        assertEquals(Activation.LINEAR, Activation.parse("linear"));
        for (Activation a : Activation.values()) {
            assertEquals(a, Activation.parse(a.id()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gelu", "", "sigmoidx", "re lu"})
    void parseRejectsUnknownNamesNamingThem(String bad) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Activation.parse(bad));
        assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("sigmoid"), "lists the valid names: " + e.getMessage());
    }

    @Test
    void onlySigmoidIsUnitInterval() {
        assertTrue(Activation.SIGMOID.isUnitInterval());
        assertFalse(Activation.TANH.isUnitInterval());
        assertFalse(Activation.RELU.isUnitInterval());
        assertFalse(Activation.LINEAR.isUnitInterval());
        assertNotEquals(Activation.SIGMOID.id(), Activation.TANH.id());
    }
}
