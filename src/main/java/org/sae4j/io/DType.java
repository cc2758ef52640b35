package org.sae4j.io;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The safetensors element types sae4j can read; each knows its width and how to widen/narrow to float. */
public enum DType {
    F32(4) {
        @Override
        void decode(ByteBuffer src, float[] dst, int off, int count) {
            src.asFloatBuffer().get(dst, off, count);
        }
    },
    F64(8) {
        @Override
        void decode(ByteBuffer src, float[] dst, int off, int count) {
            var b = src.asDoubleBuffer();
            for (int i = 0; i < count; i++) {
                dst[off + i] = (float) b.get(i);
            }
        }
    },
    F16(2) {
        @Override
        void decode(ByteBuffer src, float[] dst, int off, int count) {
            var b = src.asShortBuffer();
            for (int i = 0; i < count; i++) {
                dst[off + i] = halfToFloat(b.get(i));
            }
        }
    },
    BF16(2) {
        @Override
        void decode(ByteBuffer src, float[] dst, int off, int count) {
            var b = src.asShortBuffer();
            for (int i = 0; i < count; i++) {
                // bfloat16 is the top half of an IEEE float32, so widening is a shift.
                dst[off + i] = Float.intBitsToFloat((b.get(i) & 0xffff) << 16);
            }
        }
    },
    I32(4) {
        @Override
        void decode(ByteBuffer src, float[] dst, int off, int count) {
            var b = src.asIntBuffer();
            for (int i = 0; i < count; i++) {
                dst[off + i] = b.get(i);
            }
        }
    },
    I64(8) {
        @Override
        void decode(ByteBuffer src, float[] dst, int off, int count) {
            var b = src.asLongBuffer();
            for (int i = 0; i < count; i++) {
                dst[off + i] = b.get(i);
            }
        }
    };

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Width of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /**
     * Converts {@code count} little-endian elements starting at {@code src.position()} into
     * {@code dst[off..off+count)}; {@code src} must be little-endian and its position is left unchanged.
     */
    abstract void decode(ByteBuffer src, float[] dst, int off, int count);

    /** The dtype with this exact (case-sensitive, as in the spec) name, if supported. */
    public static Optional<DType> parse(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    // Java 17 lacks Float.float16ToFloat (added in 20), so widen IEEE binary16 by hand.
    static float halfToFloat(short h) {
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
}
