package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sae4j.data.Fixtures.little;
import static org.sae4j.data.Fixtures.npy;
import static org.sae4j.data.Fixtures.userError;
import static org.sae4j.data.Fixtures.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.sae4j.io.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    private static final String F4_2X2 = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }";

    private static byte[] f4(float... values) {
        ByteBuffer buf = little(4 * values.length);
        for (float v : values) {
            buf.putFloat(v);
        }
        return buf.array();
    }

    @Test
    void roundTripsThroughWriterWithAlignedHeader() throws IOException {
        float[] values = {1.5f, -2f, 0f, Float.MIN_VALUE, 1e30f, 7f};
        Path file = dir.resolve("m.npy");
        NpyWriter.write(file, values, 3, 2);
        byte[] bytes = Files.readAllBytes(file);
        int headerLen = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertEquals(0, (10 + headerLen) % 64);
        assertEquals(10 + headerLen + 4 * values.length, bytes.length);
        assertEquals('\n', bytes[10 + headerLen - 1]);
        assertEquals(1, bytes[6]);
        Dataset back = NpyReader.read(file);
        assertEquals(3, back.rows());
        assertEquals(2, back.cols());
        assertArrayEquals(values, back.values());
    }

    @Test
    void readsEachSupportedDtype() {
        Dataset f8 = NpyReader.read(write(dir, "f8.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2)}",
                little(16).putDouble(0.25).putDouble(-4).array())));
        assertArrayEquals(new float[] {0.25f, -4f}, f8.values());
        Dataset u1 = NpyReader.read(write(dir, "u1.npy", npy(2, "{\"descr\": \"|u1\", \"fortran_order\": False, \"shape\": (2, 1)}",
                new byte[] {(byte) 255, 7})));
        assertArrayEquals(new float[] {255, 7}, u1.values());
        Dataset i4 = NpyReader.read(write(dir, "i4.npy", npy(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 2), }",
                little(8).putInt(-3).putInt(1 << 20).array())));
        assertArrayEquals(new float[] {-3, 1 << 20}, i4.values());
        Dataset i8 = NpyReader.read(write(dir, "i8.npy", npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (1L, 1L), }",
                little(8).putLong(-9).array())));
        assertArrayEquals(new float[] {-9}, i8.values());
    }

    @Test
    void readsOneDimensionalAsOneColumnAndFlattensHigherRanks() {
        Dataset column = NpyReader.read(write(dir, "v.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }",
                f4(1, 2, 3))));
        assertEquals(3, column.rows());
        assertEquals(1, column.cols());
        Dataset cube = NpyReader.read(write(dir, "c.npy", npy(1, "{'shape': (2, 2, 2), 'fortran_order': False, 'descr': '<f4'}",
                f4(1, 2, 3, 4, 5, 6, 7, 8))));
        assertEquals(2, cube.rows());
        assertEquals(4, cube.cols());
    }

    @Test
    void rejectsFortranOrder() {
        Path file = write(dir, "f.npy", npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", f4(1, 2, 3, 4)));
        userError(() -> NpyReader.read(file), "File '" + file + "' is stored in Fortran order", "expected C order");
    }

    @Test
    void rejectsOtherDtypes() {
        for (String descr : new String[] {">f4", "<u2", "<c8", "|b1"}) {
            Path file = write(dir, "d.npy", npy(1, "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1, 1), }",
                    new byte[8]));
            userError(() -> NpyReader.read(file), "File '" + file + "' has dtype " + descr, "expected one of '<f4'");
        }
        Path structured = write(dir, "s.npy", npy(1, "{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (1,), }",
                new byte[4]));
        userError(() -> NpyReader.read(structured), "has dtype [[x, <f4]]", "expected one of");
    }

    @Test
    void rejectsBadMagicAndVersion() {
        Path text = write(dir, "t.npy", "1,2,3\n");
        userError(() -> NpyReader.read(text), "File '" + text + "' does not start with the .npy magic");
        byte[] v4 = npy(1, F4_2X2, f4(1, 2, 3, 4));
        v4[6] = 4;
        Path future = write(dir, "v4.npy", v4);
        userError(() -> NpyReader.read(future), "File '" + future + "' uses .npy format version 4.0", "expected 1.0, 2.0");
    }

    @Test
    void rejectsMalformedHeaders() {
        Path missingKey = write(dir, "k.npy", npy(1, "{'descr': '<f4', 'fortran_order': False}", f4(1)));
        userError(() -> NpyReader.read(missingKey), "File '" + missingKey + "' has a .npy header that lacks",
                "'shape'", "expected a dict like");
        Path garbled = write(dir, "g.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2)", f4(1)));
        userError(() -> NpyReader.read(garbled), "File '" + garbled + "' has a .npy header", "missing '}'");
        Path badShape = write(dir, "b.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 'x')}", f4(1)));
        userError(() -> NpyReader.read(badShape), "shape entry x");
        Path scalar = write(dir, "s.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': ()}", f4(1)));
        userError(() -> NpyReader.read(scalar), "holds a single scalar", "expected a 1-D or 2-D array");
        Path empty = write(dir, "e.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3)}", f4()));
        userError(() -> NpyReader.read(empty), "has shape (0, 3)", "expected at least one row");
        byte[] full = npy(1, F4_2X2, f4(1, 2, 3, 4));
        Path cut = write(dir, "cut.npy", Arrays.copyOf(full, 20));
        userError(() -> NpyReader.read(cut), "File '" + cut + "' ends inside its .npy header");
    }

    @Test
    void rejectsTruncatedDataAndTrailingBytes() {
        byte[] full = npy(1, F4_2X2, f4(1, 2, 3, 4));
        Path cut = write(dir, "cut.npy", Arrays.copyOf(full, full.length - 5));
        userError(() -> NpyReader.read(cut), "File '" + cut + "' is truncated", "expected 4 values of <f4",
                "shape (2, 2)", "found 2");
        Path longer = write(dir, "long.npy", Arrays.copyOf(full, full.length + 1));
        userError(() -> NpyReader.read(longer), "File '" + longer + "' has extra bytes after its 4 values");
    }

    @Test
    void rejectsMissingFile() {
        Path file = dir.resolve("none.npy");
        userError(() -> NpyReader.read(file), "File '" + file + "' does not exist.");
    }
}
