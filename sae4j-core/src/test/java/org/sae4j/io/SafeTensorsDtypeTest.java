package org.sae4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsDtypeTest {
    @TempDir
    Path dir;

    @Test
    void readsEverySupportedDtypeAsFloat() throws Exception {
        ByteBuffer data = Crafted.le(16 + 16 + 6 + 4 + 8 + 8);
        data.putDouble(1.5).putDouble(-1e300);                 // F64 [2]       0..16
        data.putLong(-3).putLong(1L << 40);                    // I64 [2]       16..32
        data.putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x0001); // F16 [3] 32..38
        data.putShort((short) 0x3f80).putShort((short) 0xc2f7); // BF16 [2]     38..42 (1.0, -123.5)
        data.putInt(7).putInt(-8);                             // I32 [2]       42..50
        data.putFloat(0.25f).putFloat(-0.0f);                  // F32 [1,2]     50..58
        String header = "{\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"l\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[16,32]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[32,38]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[38,42]},"
                + "\"i\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[42,50]},"
                + "\"f\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[50,58]}}";
        // Unpadded header and unaligned data are legal to read even though we always write aligned files.
        SafeTensorsFile f = SafeTensors.read(Crafted.file(dir, "mixed.safetensors", header, data.array()));

        assertArrayEquals(new float[] {1.5f, Float.NEGATIVE_INFINITY}, f.require("d", 2).data());
        assertEquals("F64", f.require("d").dtype());
        assertArrayEquals(new float[] {-3f, 1L << 40}, f.require("l", 2).data());
        assertArrayEquals(new float[] {1f, -2f, 0x1p-24f}, f.require("h", 3).data());
        assertArrayEquals(new float[] {1f, -123.5f}, f.require("b", 2).data());
        assertArrayEquals(new float[] {7f, -8f}, f.require("i", 2).data());
        assertArrayEquals(new float[] {0.25f, -0.0f}, f.require("f", 1, 2).data());
        assertEquals(java.util.List.of("d", "l", "h", "b", "i", "f"), java.util.List.copyOf(f.tensors().keySet()));
    }
}
