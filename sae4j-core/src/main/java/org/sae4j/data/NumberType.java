package org.sae4j.data;

import java.nio.ByteBuffer;

/** The element types binary formats (IDX, .npy, .safetensors data) store; each knows its width and how to widen to float. */
enum NumberType {
    UINT8(1, "unsigned byte"),
    INT8(1, "signed byte"),
    INT16(2, "16-bit integer"),
    INT32(4, "32-bit integer"),
    INT64(8, "64-bit integer"),
    FLOAT32(4, "32-bit float"),
    FLOAT64(8, "64-bit float"),
    FLOAT16(2, "16-bit float"),
    BFLOAT16(2, "bfloat16");

    final int bytes;
    final String description;

    NumberType(int bytes, String description) {
        this.bytes = bytes;
        this.description = description;
    }

    /** Reads one element at the buffer's position; the buffer's byte order decides endianness. */
    float next(ByteBuffer buf) {
        return switch (this) {
            case UINT8 -> buf.get() & 0xff;
            case INT8 -> buf.get();
            case INT16 -> buf.getShort();
            case INT32 -> buf.getInt();
            case INT64 -> buf.getLong();
            case FLOAT32 -> buf.getFloat();
            case FLOAT64 -> (float) buf.getDouble();
            case FLOAT16 -> HalfFloats.f16(buf.getShort());
            case BFLOAT16 -> HalfFloats.bf16(buf.getShort());
        };
    }

    boolean isInteger() {
        return this != FLOAT32 && this != FLOAT64 && this != FLOAT16 && this != BFLOAT16;
    }
}
