package org.sae4j.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.InvalidInputException;

/**
 * One entry is checked on its own (a data file's tensor beside others of any type), or every entry and the layout
 * (a model file). The sentences themselves are pinned by the io and data tests that read through this header.
 */
class SafeTensorsHeaderTest {
    @TempDir
    Path dir;

    private SafeTensorsHeader header(String json, int dataBytes) throws IOException {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        Path f = dir.resolve("h.safetensors");
        Files.write(f, b.putLong(h.length).put(h).array());
        try (FileChannel ch = FileChannel.open(f)) {
            return SafeTensorsHeader.read("h.safetensors", ch);
        }
    }

    @Test
    void oneEntryIsCheckedWithoutTheOthers() throws IOException {
        // A U8 tensor sae4j does not read, and metadata that is not strings, beside the F32 one wanted.
        SafeTensorsHeader h = header("{\"__metadata__\":{\"n\":3},"
                + "\"ids\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]},"
                + "\"acts\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[2,10]}}", 10);
        assertEquals(List.of("ids", "acts"), List.copyOf(h.names()));
        SafeTensorsHeader.Entry e = h.entry("acts", List.of(NumberType.FLOAT32), Long.MAX_VALUE);
        assertEquals(NumberType.FLOAT32, e.type());
        assertArrayEquals(new long[] {1, 2}, e.shape());
        assertEquals(2, e.numel());
        assertEquals(h.dataStart() + 2, h.dataStart() + e.begin());
        // Asked for everything, the same file is refused.
        assertTrue(assertThrows(InvalidInputException.class, () -> h.entries(NumberType.SAFETENSORS, Long.MAX_VALUE))
                .getMessage().contains("unsupported dtype 'U8'"));
        assertTrue(assertThrows(InvalidInputException.class, h::metadata).getMessage().contains("metadata key 'n'"));
    }

    @Test
    void aModelFileIsCheckedWhole() throws IOException {
        SafeTensorsHeader h = header("{\"__metadata__\":{\"k\":\"v\"},"
                + "\"b\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[8,12]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 12);
        assertEquals(Map.of("k", "v"), h.metadata());
        List<SafeTensorsHeader.Entry> all = h.entries(NumberType.SAFETENSORS, Integer.MAX_VALUE - 8);
        assertEquals(List.of("b", "w"), all.stream().map(SafeTensorsHeader.Entry::name).toList());
        // A limit on elements is the caller's: a model loads each tensor into one array.
        assertTrue(assertThrows(InvalidInputException.class, () -> h.entry("w", NumberType.SAFETENSORS, 1))
                .getMessage().contains("too many elements to load; expected at most 1"));
    }
}
