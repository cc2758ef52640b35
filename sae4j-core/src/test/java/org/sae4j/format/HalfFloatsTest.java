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
    void narrowingRoundTripsEveryValue() {
        for (int h = 0; h < 0x10000; h++) {
            float f16 = HalfFloats.f16((short) h);
            if (!Float.isNaN(f16)) {
                assertEquals(h, HalfFloats.toF16(f16) & 0xffff, "binary16 " + Integer.toHexString(h));
            } else {
                assertTrue(Float.isNaN(HalfFloats.f16(HalfFloats.toF16(f16))));
            }
            float bf = HalfFloats.bf16((short) h);
            if (!Float.isNaN(bf)) {
                assertEquals(h, HalfFloats.toBf16(bf) & 0xffff, "bfloat16 " + Integer.toHexString(h));
            }
        }
    }

    @Test
    void narrowingRoundsToNearestEven() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            // Magnitudes from binary16's subnormals to past its largest value, both signs.
            float f = (float) ((r.nextBoolean() ? 1 : -1) * Math.pow(2, r.nextDouble(-26, 17)));
            checkNearest(f, HalfFloats.toF16(f), true);
            checkNearest(f, HalfFloats.toBf16(f), false);
        }
        assertEquals(0x3c00, HalfFloats.toF16(1f + 0x1p-11f)); // a tie between 1 and 1 + 2^-10 goes to even (1)
        assertEquals(0x3c02, HalfFloats.toF16(1f + 3 * 0x1p-11f)); // a tie between odd and even goes up to even
        assertEquals(0x7c00, HalfFloats.toF16(65520f)); // halfway to the next power rounds to infinity
        assertEquals(0x7bff, HalfFloats.toF16(65519f));
    }

    private static void checkNearest(float f, short got, boolean f16) {
        double v = f16 ? HalfFloats.f16(got) : HalfFloats.bf16(got);
        if (Double.isInfinite(v)) {
            assertTrue(Math.abs(f) >= 65520f, f + " overflowed");
            return;
        }
        for (int d = -1; d <= 1; d += 2) {
            short other = (short) (got + d);
            double w = f16 ? HalfFloats.f16(other) : HalfFloats.bf16(other);
            if (Double.isNaN(w) || Math.signum(w) * Math.signum(v) < 0) {
                continue;
            }
            double mine = Math.abs(v - f);
            double theirs = Math.abs(w - f);
            assertTrue(mine < theirs || (mine == theirs && (got & 1) == 0), f + " -> " + v + ", but " + w + " is nearer");
        }
    }
}
