package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sae4j.data.Fixtures.little;
import static org.sae4j.data.Fixtures.npy;
import static org.sae4j.data.Fixtures.userError;
import static org.sae4j.data.Fixtures.write;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** float16 .npy data, and {@link NpyArray} (any rank, size-checked) as the .npz readers use it. */
class NpyHalfTest {
    @TempDir
    Path dir;

    /** numpy's float16 of [[1, -2.5, 65504], [2^-24, 0.1, -0]], each value worked out from its bits. */
    private static final float[] HALVES = {1f, -2.5f, 65504f, 0x1p-24f, 0.0999755859375f, -0f};

    @Test
    void readsAFloat16FileWrittenByNumpy() throws IOException {
        Path file = dir.resolve("half.npy");
        try (InputStream in = getClass().getResourceAsStream("half.npy")) {
            Files.copy(in, file);
        }
        Dataset d = DataSources.resolve(file.toString());
        assertEquals(2, d.rows());
        assertEquals(3, d.cols());
        assertArrayEquals(HALVES, d.values());
    }

    @Test
    void readsAHandBuiltFloat16File() {
        byte[] payload = little(12).putShort((short) 0x3c00).putShort((short) 0xc100).putShort((short) 0x7bff)
                .putShort((short) 0x0001).putShort((short) 0x2e66).putShort((short) 0x8000).array();
        Path f = write(dir, "h.npy", npy(1, "{'descr': '<f2', 'fortran_order': False, 'shape': (2, 3), }", payload));
        assertArrayEquals(HALVES, NpyReader.read(f).values());
        Path big = write(dir, "b.npy", npy(1, "{'descr': '>f2', 'fortran_order': False, 'shape': (1,), }", new byte[2]));
        userError(() -> NpyReader.read(big), ">f2", "'<f2'");
    }

    @Test
    void npyArrayKeepsTheShapeAndRefusesSizesTheStreamCannotHold() throws IOException {
        byte[] cube = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1, 2), }",
                little(16).putFloat(1).putFloat(2).putFloat(3).putFloat(4).array());
        NpyArray a = NpyArray.read(new ByteArrayInputStream(cube), "cube", cube.length);
        assertArrayEquals(new long[] {2, 1, 2}, a.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, a.values());

        byte[] scalar = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }", little(4).putFloat(7).array());
        assertArrayEquals(new float[] {7}, NpyArray.read(new ByteArrayInputStream(scalar), "s", scalar.length).values());

        byte[] liar = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (46340, 46340), }", new byte[4]);
        userError(() -> NpyArray.read(new ByteArrayInputStream(liar), "liar.npz:W.npy", liar.length),
                "liar.npz:W.npy", "(46340, 46340)", "holds only");
        userError(() -> NpyArray.read(new ByteArrayInputStream(cube), "short", 8), "short", "holds only 8 bytes");
    }
}
