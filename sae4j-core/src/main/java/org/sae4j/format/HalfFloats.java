package org.sae4j.format;

/**
 * Widens the two 16-bit float formats to float32, exactly (every binary16 and bfloat16 value is a float32), for
 * {@link NumberType#decode}: .npy '<f2' data and safetensors F16/BF16 data and model files alike; and narrows
 * float32 to them, rounding to nearest, ties to even, as numpy and PyTorch do (an activation store's --dtype).
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

    /** bfloat16 (safetensors BF16) to float: it is the top half of a float32, so widening is a shift. */
    public static float bf16(short b) {
        return Float.intBitsToFloat((b & 0xffff) << 16);
    }

    /** Float to IEEE 754 binary16, rounded to nearest even; too large becomes infinity, NaN stays NaN. */
    public static short toF16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
        }
        int e = exp - 112; // the binary16 exponent field
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) { // subnormal in binary16 (or zero): h * 2^-24
            if (e < -10) {
                return (short) sign;
            }
            int m = mant | 0x800000;
            int shift = 14 - e;
            return (short) (sign | roundShift(m, shift));
        }
        // A carry out of the mantissa correctly bumps the exponent (and the largest values up to infinity).
        return (short) (sign | ((e << 10) + roundShift(mant, 13)));
    }

    /** {@code m >> shift} rounded to nearest, ties to even. */
    private static int roundShift(int m, int shift) {
        int h = m >>> shift;
        int rem = m & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        return rem > half || (rem == half && (h & 1) != 0) ? h + 1 : h;
    }

    /** Float to bfloat16 (the top half of a float32), rounded to nearest even; NaN stays NaN. */
    public static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }
}
