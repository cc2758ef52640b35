package org.sae4j.format;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The element types the binary formats store (IDX, .npy, .safetensors), in one table: each knows its width, its
 * name in each format that has it, and how to widen to float. Every reader decodes through {@link #decode}, so an
 * F16 in a model file and a '<f2' in a data file become the same float.
 */
public enum NumberType {
    UINT8(1, "unsigned byte", 0x08, "|u1", null),
    INT8(1, "signed byte", 0x09, null, null),
    INT16(2, "16-bit integer", 0x0B, null, null),
    INT32(4, "32-bit integer", 0x0C, "<i4", "I32"),
    INT64(8, "64-bit integer", -1, "<i8", "I64"),
    FLOAT32(4, "32-bit float", 0x0D, "<f4", "F32"),
    FLOAT64(8, "64-bit float", 0x0E, "<f8", "F64"),
    FLOAT16(2, "16-bit float", -1, "<f2", "F16"),
    BFLOAT16(2, "bfloat16", -1, null, "BF16");

    /** The safetensors dtypes sae4j reads, in the order errors list them. */
    public static final List<NumberType> SAFETENSORS = List.of(FLOAT32, FLOAT64, FLOAT16, BFLOAT16, INT32, INT64);

    private final int bytes;
    private final String description;
    private final int idxCode;
    private final String npyDescr;
    private final String safetensorsName;

    NumberType(int bytes, String description, int idxCode, String npyDescr, String safetensorsName) {
        this.bytes = bytes;
        this.description = description;
        this.idxCode = idxCode;
        this.npyDescr = npyDescr;
        this.safetensorsName = safetensorsName;
    }

    /** Width of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** In words, for errors: "unsigned byte". */
    public String description() {
        return description;
    }

    public boolean isInteger() {
        return this != FLOAT32 && this != FLOAT64 && this != FLOAT16 && this != BFLOAT16;
    }

    /** The safetensors dtype name ("F32"); null for a type sae4j does not read from safetensors. */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** The type of an IDX type code byte (0x08 ubyte ... 0x0E double), or null for any other byte. */
    public static NumberType ofIdx(byte code) {
        int unsigned = code & 0xff; // never the -1 of the types IDX lacks
        return Arrays.stream(values()).filter(t -> t.idxCode == unsigned).findFirst().orElse(null);
    }

    /** The type of a .npy dtype descr ('<f4', '|u1'...), little-endian as numpy writes on every common machine. */
    public static Optional<NumberType> ofNpy(String descr) {
        return Arrays.stream(values()).filter(t -> descr.equals(t.npyDescr)).findFirst();
    }

    /** The type of a safetensors dtype, an exact (case-sensitive, as in the spec) name among {@link #SAFETENSORS}. */
    public static Optional<NumberType> ofSafetensors(String name) {
        return SAFETENSORS.stream().filter(t -> t.safetensorsName.equals(name)).findFirst();
    }

    /** "F32, F16": the safetensors names of {@code types}, for an error's list of what was expected. */
    public static String safetensorsNames(List<NumberType> types) {
        return types.stream().map(NumberType::safetensorsName).collect(Collectors.joining(", "));
    }

    /**
     * Widens {@code count} elements starting at {@code src.position()} into {@code dst[off..off+count)}; the
     * buffer's byte order decides endianness and its position is left unchanged.
     */
    public void decode(ByteBuffer src, float[] dst, int off, int count) {
        switch (this) {
            case FLOAT32 -> src.asFloatBuffer().get(dst, off, count);
            case UINT8 -> {
                for (int i = 0; i < count; i++) {
                    dst[off + i] = src.get(src.position() + i) & 0xff;
                }
            }
            case INT8 -> {
                for (int i = 0; i < count; i++) {
                    dst[off + i] = src.get(src.position() + i);
                }
            }
            case INT16, FLOAT16, BFLOAT16 -> {
                var b = src.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    short s = b.get(i);
                    dst[off + i] = this == INT16 ? s : this == FLOAT16 ? HalfFloats.f16(s) : HalfFloats.bf16(s);
                }
            }
            case INT32 -> {
                var b = src.asIntBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = b.get(i);
                }
            }
            case INT64 -> {
                var b = src.asLongBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = b.get(i);
                }
            }
            case FLOAT64 -> {
                var b = src.asDoubleBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = (float) b.get(i);
                }
            }
        }
    }
}
