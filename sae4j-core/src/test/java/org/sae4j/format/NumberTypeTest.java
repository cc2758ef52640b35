package org.sae4j.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One table of element types: every format's name for each, and one decode for all. */
class NumberTypeTest {

    @Test
    void decodesEveryTypeInEitherByteOrderLeavingThePositionAlone() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            check(NumberType.UINT8, order, b -> b.put((byte) 0xff).put((byte) 7), 255f, 7f);
            check(NumberType.INT8, order, b -> b.put((byte) 0xff).put((byte) 7), -1f, 7f);
            check(NumberType.INT16, order, b -> b.putShort((short) -300).putShort((short) 5), -300f, 5f);
            check(NumberType.INT32, order, b -> b.putInt(-70000).putInt(9), -70000f, 9f);
            check(NumberType.INT64, order, b -> b.putLong(1L << 40).putLong(-2), 0x1p40f, -2f);
            check(NumberType.FLOAT32, order, b -> b.putFloat(0.25f).putFloat(-0f), 0.25f, -0f);
            check(NumberType.FLOAT64, order, b -> b.putDouble(1.5).putDouble(-1e300), 1.5f, Float.NEGATIVE_INFINITY);
            check(NumberType.FLOAT16, order, b -> b.putShort((short) 0x3c00).putShort((short) 0xc000), 1f, -2f);
            check(NumberType.BFLOAT16, order, b -> b.putShort((short) 0x3f80).putShort((short) 0xc2f7), 1f, -123.5f);
        }
    }

    private static void check(NumberType type, ByteOrder order, java.util.function.Consumer<ByteBuffer> put,
                              float first, float second) {
        // One junk element ahead: decoding starts at the position.
        ByteBuffer b = ByteBuffer.allocate(3 * type.bytes()).order(order);
        b.position(type.bytes());
        put.accept(b);
        b.position(type.bytes());
        float[] out = new float[3];
        type.decode(b, out, 1, 2);
        assertArrayEquals(new float[] {0, first, second}, out, type + " " + order);
        assertEquals(type.bytes(), b.position(), "position left alone");
    }

    @Test
    void eachFormatNamesItsOwnTypes() {
        assertEquals(NumberType.UINT8, NumberType.ofIdx((byte) 0x08));
        assertEquals(NumberType.FLOAT64, NumberType.ofIdx((byte) 0x0E));
        // 0xFF must not find a type IDX lacks (their code is -1).
        assertNull(NumberType.ofIdx((byte) 0xff));
        assertNull(NumberType.ofIdx((byte) 0x0A));
        assertEquals(Optional.of(NumberType.FLOAT16), NumberType.ofNpy("<f2"));
        assertEquals(Optional.empty(), NumberType.ofNpy(">f4"));
        assertEquals(Optional.of(NumberType.BFLOAT16), NumberType.ofSafetensors("BF16"));
        assertEquals(Optional.empty(), NumberType.ofSafetensors("U8"));
        assertEquals(Optional.empty(), NumberType.ofSafetensors("f32"));
        assertEquals("F32, F64, F16, BF16, I32, I64", NumberType.safetensorsNames(NumberType.SAFETENSORS));
        assertTrue(NumberType.INT64.isInteger() && !NumberType.BFLOAT16.isInteger());
    }
}
