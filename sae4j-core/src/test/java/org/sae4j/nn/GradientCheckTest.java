package org.sae4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The checker itself must be able to fail, or every gradient test built on it is a tautology. */
class GradientCheckTest {
    private final float[] x = {0.3f, -1.2f, 2.0f};

    private double cubic() {
        double s = 0;
        for (float v : x) {
            s += (double) v * v * v;
        }
        return s;
    }

    @Test
    void acceptsTheRightGradient() {
        float[] g = {3 * 0.09f, 3 * 1.44f, 3 * 4f};
        GradientCheck.check("cubic", x, g, 1e-2f, this::cubic);
        assertEquals(0.3f, x[0], "values restored exactly");
        assertEquals(-1.2f, x[1]);
    }

    @Test
    void rejectsAGradientOffByFivePercent() {
        float[] g = {3 * 0.09f, 3 * 1.44f * 1.05f, 3 * 4f};
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> GradientCheck.check("cubic", x, g, 1e-2f, this::cubic));
        assertTrue(e.getMessage().contains("[1]"), e.getMessage());
    }

    @Test
    void rejectsAWrongSign() {
        float[] g = {-3 * 0.09f, 3 * 1.44f, 3 * 4f};
        assertThrows(AssertionFailedError.class, () -> GradientCheck.check("cubic", x, g, 1e-2f, this::cubic));
    }

    @Test
    void numericDerivativeIsAccurate() {
        assertEquals(12.0, GradientCheck.numeric(x, 2, 1e-3f, this::cubic), 1e-3);
    }
}
