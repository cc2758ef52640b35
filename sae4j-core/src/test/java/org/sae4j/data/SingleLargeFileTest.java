package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, defect 1: one .npy or .safetensors file of {@link Shards#STREAM_FILE_BYTES} or more streams exactly as
 * a folder holding only it (same held-out rows, sample, shuffled order and cursor); smaller files still load.
 */
class SingleLargeFileTest {
    static final int COLS = 53;
    static final long ROWS = Shards.STREAM_FILE_BYTES / (4 * COLS) + 1_311; // just over the threshold in float32

    @TempDir
    static Path dir;

    @BeforeAll
    static void write() throws IOException {
        Files.createDirectories(dir.resolve("only"));
        TestShards.write(dir.resolve("only/big.npy"), ROWS, COLS, 23);
        TestShards.writeBf16(dir.resolve("big.safetensors"), Shards.STREAM_FILE_BYTES / (2 * 29) + 17, 29, 0.04, 5);
        TestShards.write(dir.resolve("small.npy"), 4_000, COLS, 24);
    }

    @Test
    void onlyFilesOverTheThresholdStream() {
        assertTrue(Shards.isShardSpec(dir.resolve("only/big.npy").toString()));
        assertTrue(Shards.isShardSpec(dir.resolve("big.safetensors").toString()));
        assertTrue(Shards.isShardSpec(dir.resolve("big.safetensors") + ":acts"), "a named tensor of a large file");
        assertFalse(Shards.isShardSpec(dir.resolve("small.npy").toString()), "small files load as before");
        assertFalse(StreamingData.streams(dir.resolve("small.npy").toString(), true));
        assertTrue(StreamingData.streams(dir.resolve("only/big.npy").toString(), false));
        try (Shards s = Shards.open(dir.resolve("big.safetensors") + ":acts")) {
            assertEquals(29, s.cols());
        }
    }

    @Test
    void aLargeFileStreamsExactlyAsAOneShardFolder() {
        StreamingData file = StreamingData.open(dir.resolve("only/big.npy").toString(), 0.07, true, 31);
        StreamingData folder = StreamingData.open(dir.resolve("only").toString(), 0.07, true, 31);
        assertArrayEquals(folder.validation().values(), file.validation().values(), "the same held-out rows");
        assertArrayEquals(folder.sample().values(), file.sample().values(), "the same normaliser sample");
        assertEquals(folder.train().epochRows(), file.train().epochRows());
        int n = 7_777;
        float[] a = new float[n * COLS];
        float[] b = new float[n * COLS];
        file.train().fill(a, n);
        folder.train().fill(b, n);
        assertArrayEquals(b, a, "the same shuffled order");
        long[] cursor = file.train().cursor();
        assertArrayEquals(folder.train().cursor(), cursor);
        file.train().fill(a, n);
        StreamingData resumed = StreamingData.open(dir.resolve("only/big.npy").toString(), 0.07, true, 31);
        resumed.train().restore(cursor);
        resumed.train().fill(b, n);
        assertArrayEquals(a, b, "a restored cursor continues the same order");
    }
}
