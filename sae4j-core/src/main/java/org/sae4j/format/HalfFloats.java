package org.sae4j.format;

/**
 * Widens the two 16-bit float formats to float32, exactly (every binary16 and bfloat16 value is a float32), for
 * {@link NumberType#decode}: .npy '<f2' data and safetensors F16/BF16 data and model files alike.
 */
public final class HalfFloats {
    private HalfFloats() {
    }

    /** IEEE 754 binary16 (numpy float16, safetensors F16) to float; Java 17 lacks Float.float16ToFloat (Java 20). */
    public static float f16(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) { // infinity or NaN; keep the payload
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) { // zero or subnormal: mant * 2^-24, exact in float
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /**
     * Float to IEEE 754 binary16, rounding to nearest even; beyond the largest half (65504) it saturates to
     * infinity as numpy does. For compact in-memory copies of values only shown to a reader (the browser's
     * per-token shading), where 11 significant bits are plenty. Java 17 lacks Float.floatToFloat16 (Java 20).
     */
    public static short toF16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) { // infinity or NaN (a NaN keeps a set mantissa bit)
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) { // subnormal half or zero: shift the implicit bit in, then round
            if (e < -10) {
                return (short) sign;
            }
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rest > mid || (rest == mid && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int h = (e << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (h & 1) != 0)) {
            h++; // a carry into the exponent is still the right value (up to infinity)
        }
        return (short) (sign | h);
    }

    /** bfloat16 (safetensors BF16) to float: it is the top half of a float32, so widening is a shift. */
    public static float bf16(short b) {
        return Float.intBitsToFloat((b & 0xffff) << 16);
    }
}
