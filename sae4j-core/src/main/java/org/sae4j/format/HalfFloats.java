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

    /** bfloat16 (safetensors BF16) to float: it is the top half of a float32, so widening is a shift. */
    public static float bf16(short b) {
        return Float.intBitsToFloat((b & 0xffff) << 16);
    }
}
