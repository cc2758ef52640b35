package org.sae4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.tensor.NamedArrays;

/** The file form of NamedArrays: every kind of entry comes back equal, in order, and the same state gives the same bytes. */
class StateFileTest {
    @Test
    void roundTripsEveryKindInOrder(@TempDir Path dir) throws Exception {
        float[] big = new float[70_000]; // more than one 64 KiB write buffer
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5f - 3f;
        }
        NamedArrays s = new NamedArrays().put("format", "sae4j-checkpoint 1").put("param/w", big)
                .put("history", new double[] {1, Double.NaN, -2.5}).put("run/dead", new long[] {0, Long.MAX_VALUE})
                .put("empty", new float[0]).put("text/ü", "grüße");
        StateFile.write(s, dir.resolve("a.ckpt"));
        NamedArrays back = StateFile.read(dir.resolve("a.ckpt"));
        assertEquals(s, back);
        assertEquals(s.names(), back.names());
        StateFile.write(back, dir.resolve("b.ckpt"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.ckpt")), Files.readAllBytes(dir.resolve("b.ckpt")));
    }
}
