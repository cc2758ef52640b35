package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sae4j.format.NpyHeader;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.InvalidInputException;
import org.sae4j.tensor.Rng;

/** Shards, the shuffle buffer, cursors and the prefetcher: every row once per pass, in an order fixed by the seed. */
class StreamingSourcesTest {
    @TempDir
    Path dir;

    /** Writes rows whose first value is their global index, so the order served can be read back. */
    static void shard(Path file, int firstRow, int rows, int cols, boolean half) throws IOException {
        String header = "{'descr': '" + (half ? "<f2" : "<f4") + "', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int pad = 64 - (10 + header.length() + 1) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + rows * cols * (half ? 2 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.magic()).put((byte) 1).put((byte) 0).putShort((short) header.length()).put(header.getBytes());
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = c == 0 ? firstRow + r : c;
                if (half) {
                    b.putShort(half(v));
                } else {
                    b.putFloat(v);
                }
            }
        }
        Files.write(file, b.array());
    }

    /** float16 bits of a whole number below 2048 (exact); Java 17 lacks Float.floatToFloat16Bits. */
    static short half(float v) {
        if (v == 0) {
            return 0;
        }
        int e = 31 - Integer.numberOfLeadingZeros((int) v);
        int mantissa = (int) ((v / (1 << e) - 1) * 1024);
        return (short) ((e + 15) << 10 | mantissa);
    }

    /**
     * A .safetensors shard holding an unrelated tensor beside {@code acts}: rows whose first value is their global
     * index, in BF16 (exact for whole numbers below 256) or F32.
     */
    static void safetensorsShard(Path file, int firstRow, int rows, int cols, boolean bf16) throws IOException {
        int bytes = bf16 ? 2 : 4;
        String dtype = bf16 ? "BF16" : "F32";
        int n = rows * cols * bytes;
        String header = "{\"other\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]},"
                + "\"acts\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + rows + "," + cols + "],\"data_offsets\":[4,"
                + (4 + n) + "]}}";
        ByteBuffer b = ByteBuffer.allocate(8 + header.length() + 4 + n).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length()).put(header.getBytes()).putFloat(-7f);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = c == 0 ? firstRow + r : c;
                if (bf16) {
                    b.putShort((short) (Float.floatToIntBits(v) >>> 16));
                } else {
                    b.putFloat(v);
                }
            }
        }
        Files.write(file, b.array());
    }

    @Test
    void safetensorsShardsStreamTheNamedTensorBesideNpyShards() throws IOException {
        shard(dir.resolve("a.npy"), 0, 100, 3, false);
        safetensorsShard(dir.resolve("b.safetensors"), 100, 50, 3, true);
        safetensorsShard(dir.resolve("c.safetensors"), 150, 70, 3, false);
        Shards s = Shards.open(dir + ":acts");
        assertEquals(220, s.rows());
        assertTrue(Shards.isShardSpec(dir + ":acts"));
        float[] rows = new float[3 * 3];
        s.read(99, 3, rows, 0);
        assertArrayEquals(new float[] {99, 1, 2, 100, 1, 2, 101, 1, 2}, rows);
        s.read(219, 1, rows, 0);
        assertEquals(219, rows[0]);
        // Two tensors and no name: one sentence asking for one.
        assertTrue(assertThrows(org.sae4j.InvalidInputException.class, () -> Shards.open(dir.resolve("*.safetensors")
                .toString())).getMessage().contains("expected one, or name it"));
    }

    private Shards threeShards() throws IOException {
        shard(dir.resolve("a.npy"), 0, 100, 3, false);
        shard(dir.resolve("b.npy"), 100, 50, 3, true);
        shard(dir.resolve("c.npy"), 150, 70, 3, false);
        return Shards.open(dir.toString());
    }

    private static float[] serve(BatchSource s, int rows) {
        float[] out = new float[rows * s.cols()];
        s.fill(out, rows);
        float[] first = new float[rows];
        for (int i = 0; i < rows; i++) {
            first[i] = out[i * s.cols()];
        }
        return first;
    }

    @Test
    void shardsReadAsOneTableInFloat32AndFloat16() throws IOException {
        Shards s = threeShards();
        assertEquals(220, s.rows());
        float[] row = new float[3];
        s.read(120, 1, row, 0);
        assertArrayEquals(new float[] {120, 1, 2}, row);
        s.read(219, 1, row, 0);
        assertEquals(219, row[0]);
        assertEquals(s.rows(), Shards.open(dir.resolve("*.npy").toString()).rows());
    }

    @Test
    void shuffleBufferServesEveryRowOncePerPassInASeededOrder() throws IOException {
        ShuffleBuffer b = new ShuffleBuffer(threeShards(), 0, 200, 40, true, 5);
        float[] pass = serve(b, 200);
        float[] sorted = pass.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 200; i++) {
            assertEquals(i, sorted[i], "rows 200.. are held out and never served");
        }
        assertNotEquals(Arrays.toString(pass), Arrays.toString(serve(b, 200)), "each pass is shuffled anew");
        assertArrayEquals(pass, serve(new ShuffleBuffer(threeShards(), 0, 200, 40, true, 5), 200), "same seed, same order");
        assertNotEquals(Arrays.toString(pass), Arrays.toString(serve(new ShuffleBuffer(threeShards(), 0, 200, 40, true, 6), 200)));
    }

    @Test
    void aRestoredCursorContinuesTheSameOrder() throws IOException {
        ShuffleBuffer a = new ShuffleBuffer(threeShards(), 0, 200, 40, true, 5);
        serve(a, 137);
        long[] cursor = a.cursor();
        float[] rest = serve(a, 300);
        ShuffleBuffer b = new ShuffleBuffer(threeShards(), 0, 200, 40, true, 5);
        b.restore(cursor);
        assertArrayEquals(rest, serve(b, 300));
    }

    @Test
    void inMemorySourceKeepsTheTrainersShuffleAndRestores() {
        float[] v = new float[50];
        for (int i = 0; i < 50; i++) {
            v[i] = i;
        }
        Dataset d = new Dataset("d", v, 50, 1);
        InMemorySource s = new InMemorySource(d, true, 42, "shuffle");
        Rng rng = Rng.forPurpose(42, "shuffle");
        int[] p1 = rng.permutation(50);
        int[] p2 = rng.permutation(50);
        float[] got = serve(s, 100);
        for (int i = 0; i < 50; i++) {
            assertEquals(p1[i], got[i]);
            assertEquals(p2[i], got[50 + i]);
        }
        InMemorySource again = new InMemorySource(d, true, 42, "shuffle");
        again.restore(new long[] {73});
        assertArrayEquals(Arrays.copyOfRange(got, 73, 100), serve(again, 27));
    }

    @Test
    void prefetchingDoesNotChangeTheOrder() throws IOException {
        float[] direct = serve(new ShuffleBuffer(threeShards(), 0, 200, 40, true, 9), 450);
        try (Prefetcher p = new Prefetcher(new ShuffleBuffer(threeShards(), 0, 200, 40, true, 9), s -> 50, 0, 9, s -> false, 2)) {
            for (int s = 0; s < 9; s++) {
                Prefetcher.Batch b = p.next();
                for (int i = 0; i < 50; i++) {
                    assertEquals(direct[s * 50 + i], b.x()[i * 3]);
                }
            }
        }
    }

    @Test
    void streamingDataHoldsOutTheLastRowsAndSamplesTheRest() throws IOException {
        threeShards();
        StreamingData sd = StreamingData.open(dir.toString(), 0.1, true, 1);
        assertEquals(22, sd.validation().rows());
        assertEquals(198, sd.validation().values()[0]);
        assertEquals(198, sd.train().epochRows());
        float[] pass = serve(sd.train(), 198);
        for (float f : pass) {
            assertTrue(f < 198, "a held-out row was served: " + f);
        }
    }

    @Test
    void badShardsAreRefusedInOneSentence() throws IOException {
        threeShards();
        shard(dir.resolve("d.npy"), 0, 5, 4, false);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Shards.open(dir.toString()));
        assertTrue(e.getMessage().contains("d.npy") && e.getMessage().contains("same width"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Shards.open(dir.resolve("nothing*.npy").toString()));
    }
}
