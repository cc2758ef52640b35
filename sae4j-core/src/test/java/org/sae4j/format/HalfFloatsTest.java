package org.sae4j.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** binary16 and bfloat16 widen to float32 exactly, the special values included. */
class HalfFloatsTest {
    @Test
    void halfPrecisionSpecialValues() {
        assertEquals(65504f, HalfFloats.f16((short) 0x7bff));
        assertEquals(0x1p-14f, HalfFloats.f16((short) 0x0400));
        assertEquals(0x3ffp-24f, HalfFloats.f16((short) 0x03ff));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.f16((short) 0x7c00));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.f16((short) 0xfc00));
        assertTrue(Float.isNaN(HalfFloats.f16((short) 0x7e00)));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(HalfFloats.f16((short) 0x8000)));
        assertEquals(-0.5f, HalfFloats.f16((short) 0xb800));
    }

    @Test
    void halfToFloatIsExactForEveryFiniteValue() {
        // Every binary16 value is m * 2^e exactly; recompute it independently and compare.
        for (int h = 0; h < 0x10000; h++) {
            int exp = (h >>> 10) & 0x1f;
            if (exp == 0x1f) {
                continue;
            }
            int mant = h & 0x3ff;
            double v = exp == 0 ? mant * Math.pow(2, -24) : (1024 + mant) * Math.pow(2, exp - 25);
            if ((h & 0x8000) != 0) {
                v = -v;
            }
            assertEquals(Float.floatToRawIntBits((float) v), Float.floatToRawIntBits(HalfFloats.f16((short) h)),
                    "0x" + Integer.toHexString(h));
        }
    }

    @Test
    void bfloat16IsTheTopHalfOfAFloat() {
        assertEquals(1f, HalfFloats.bf16((short) 0x3f80));
        assertEquals(-123.5f, HalfFloats.bf16((short) 0xc2f7));
        assertEquals(0x1p-133f, HalfFloats.bf16((short) 0x0001));
    }

    @Test
    void floatToHalfRoundTripsEveryHalfAndRoundsToTheNearest() {
        for (int h = 0; h < 0x10000; h++) {
            float f = HalfFloats.f16((short) h);
            if (!Float.isNaN(f)) {
                assertEquals(h, HalfFloats.toF16(f) & 0xffff, "0x" + Integer.toHexString(h));
            }
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            float f = (float) ((rnd.nextDouble() - 0.5) * Math.pow(2, rnd.nextInt(-30, 17)));
            float back = HalfFloats.f16(HalfFloats.toF16(f));
            // No half lies strictly closer to f than the one chosen (checked against both neighbours).
            short h = HalfFloats.toF16(f);
            float up = HalfFloats.f16((short) (h + 1));
            float down = HalfFloats.f16((short) (h - 1));
            double err = Math.abs((double) back - f);
            assertTrue(!(err > Math.abs((double) up - f)) && !(err > Math.abs((double) down - f)), f + " -> " + back);
        }
        assertEquals(0x7c00, HalfFloats.toF16(1e6f) & 0xffff);
        assertTrue(Float.isNaN(HalfFloats.f16(HalfFloats.toF16(Float.NaN))));
    }
}
