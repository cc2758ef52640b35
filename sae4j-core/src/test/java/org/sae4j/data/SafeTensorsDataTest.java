package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sae4j.data.Fixtures.userError;
import static org.sae4j.data.Fixtures.write;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsDataTest {
    @TempDir
    Path dir;

    /** A safetensors file with the given header JSON and data bytes, built by hand. */
    private Path file(String name, String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        return write(dir, name, b.putLong(h.length).put(h).put(data).array());
    }

    private static byte[] shorts(int... bits) {
        ByteBuffer b = ByteBuffer.allocate(2 * bits.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : bits) {
            b.putShort((short) s);
        }
        return b.array();
    }

    private static String entry(String name, String dtype, String shape, int begin, int end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + ","
                + end + "]}";
    }

    @Test
    void float16ValuesWidenExactly() {
        // 1, -2.5, 65504 (largest half), 2^-24 (smallest subnormal), 0.1 rounded to half, -0.
        Path f = file("h.safetensors", "{" + entry("acts", "F16", "[2,3]", 0, 12) + "}",
                shorts(0x3c00, 0xc100, 0x7bff, 0x0001, 0x2e66, 0x8000));
        Dataset d = DataSources.resolve(f.toString());
        assertEquals(2, d.rows());
        assertEquals(3, d.cols());
        assertArrayEquals(new float[] {1f, -2.5f, 65504f, 0x1p-24f, 0.0999755859375f, -0f}, d.values());
    }

    @Test
    void bfloat16ValuesWidenExactly() {
        // bf16 is the top half of a float32: 0x3f80 -> 1, 0xc2f7 -> -123.5, 0x4049 -> 3.140625, 0x0001 -> 2^-133.
        Path f = file("b.safetensors", "{\"__metadata__\":{\"k\":\"v\"}," + entry("x", "BF16", "[1,4]", 0, 8) + "}",
                shorts(0x3f80, 0xc2f7, 0x4049, 0x0001));
        assertArrayEquals(new float[] {1f, -123.5f, 3.140625f, 0x1p-133f}, DataSources.resolve(f.toString()).values());
    }

    @Test
    void aNamedTensorIsChosenWithColonSuffix() {
        ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(1).putFloat(2).putFloat(3).putFloat(4).putInt(7).putInt(8);
        Path f = file("two.safetensors", "{" + entry("acts", "F32", "[2,2]", 0, 16) + ","
                + entry("ids", "I32", "[2]", 16, 24) + "}", data.array());
        Dataset d = DataSources.resolve(f + ":acts");
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.values());
        assertEquals(f + ":acts", d.name());

        userError(() -> DataSources.resolve(f.toString()), f.toString(), "2 tensors", "'acts'", ":NAME");
        userError(() -> DataSources.resolve(f + ":nope"), f.toString(), "'nope'", "'acts'");
        userError(() -> DataSources.resolve(f + ":ids"), "'ids'", "'I32'", "F32, F16, BF16");
        userError(() -> DataSources.resolve(f + ":"), "names no tensor");
    }

    @Test
    void malformedFilesGiveOneSentence() {
        Path oneD = file("1d.safetensors", "{" + entry("x", "F32", "[2]", 0, 8) + "}", new byte[8]);
        userError(() -> DataSources.resolve(oneD.toString()), "'x'", oneD.toString(), "two dimensions");

        // Declares 2^31 - 9 floats over an 8-byte buffer: refused before any allocation.
        Path huge = file("huge.safetensors", "{" + entry("x", "F32", "[46340,46340]", 0, 8) + "}", new byte[8]);
        userError(() -> DataSources.resolve(huge.toString()), huge.toString(), "data_offsets");

        Path past = file("past.safetensors", "{" + entry("x", "F32", "[1,4]", 0, 16) + "}", new byte[8]);
        userError(() -> DataSources.resolve(past.toString()), "data_offsets [0, 16]", "8-byte data buffer");

        Path json = file("json.safetensors", "{\"x\": {", new byte[0]);
        userError(() -> DataSources.resolve(json.toString()), json.toString(), "not valid JSON");

        Path length = write(dir, "len.safetensors", new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0x7f, 1, 2});
        userError(() -> DataSources.resolve(length.toString()), length.toString(), "header");

        Path none = file("none.safetensors", "{}", new byte[0]);
        userError(() -> DataSources.resolve(none.toString()), "holds no tensors");

        Path inf = file("inf.safetensors", "{" + entry("x", "F16", "[1,2]", 0, 4) + "}", shorts(0x3c00, 0x7c00));
        userError(() -> DataSources.resolve(inf.toString()), "Infinity", "finite");
    }
}
