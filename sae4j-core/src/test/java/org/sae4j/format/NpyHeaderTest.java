package org.sae4j.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The .npy header sae4j writes reads back, and its data starts 64-byte aligned as numpy's does. */
class NpyHeaderTest {
    @Test
    void writtenHeaderIsAnAsciiDictThatReadsBack() throws IOException {
        byte[] bytes = NpyHeader.float32Matrix(10000, 784);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        assertEquals(true, text.contains("'shape': (10000, 784)"), text);
        assertEquals(0, bytes.length % 64);
        NpyHeader h = NpyHeader.read(new ByteArrayInputStream(bytes), "m.npy");
        assertEquals("<f4", h.descr());
        assertFalse(h.fortranOrder());
        assertArrayEquals(new long[] {10000, 784}, h.shape());
        assertEquals(bytes.length, h.dataOffset());
    }

    @Test
    void tupleIsHowNumpyPrintsShapes() {
        assertEquals("(3,)", NpyHeader.tuple(new long[] {3}));
        assertEquals("(2, 28, 28)", NpyHeader.tuple(new long[] {2, 28, 28}));
        assertEquals("()", NpyHeader.tuple(new long[0]));
    }
}
