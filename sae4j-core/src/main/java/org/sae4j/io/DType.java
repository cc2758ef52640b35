package org.sae4j.io;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.sae4j.data.HalfFloats;

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
                dst[off + i] = HalfFloats.bf16(b.get(i));
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

    // The conversion lives in data/ (the bottom layer) so the .npy and .safetensors data readers share it.
    static float halfToFloat(short h) {
        return HalfFloats.f16(h);
    }
}
